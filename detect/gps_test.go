package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestGPS(t *testing.T) {
	cases := []detectCase{
		{name: "pair with context", text: "事发地点经纬度：39.916527,116.397128。",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.916527,116.397128", min: 0.9,
				attrs: map[string]string{pi.AttrNormalized: "39.916527,116.397128"}}}},
		{name: "pair bare, four decimals", text: "39.9165, 116.3971",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.9165, 116.3971", min: 0.8}}},
		{name: "longitude first", text: "定位 116.397128 39.916527",
			want: []expect{{typ: pi.GPSCoordinate, span: "116.397128 39.916527", min: 0.9}}},
		{name: "full-width comma", text: "坐标30.572815，104.066801附近",
			want: []expect{{typ: pi.GPSCoordinate, span: "30.572815，104.066801", min: 0.9}}},
		{name: "degrees and hemispheres", text: "位置39.9042°N, 116.4074°E",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.9042°N, 116.4074°E", min: 0.9}}},
		{name: "negative coordinates", text: "GPS: -33.8688,151.2093",
			want: []expect{{typ: pi.GPSCoordinate, span: "-33.8688,151.2093", min: 0.9}}},
		{name: "two decimals with context", text: "坐标39.91,116.39",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.91,116.39", min: 0.5}}},
		{name: "single latitude after its word", text: "纬度39.916527，",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.916527", min: 0.5, reason: true}}},
		{name: "single value in a latitude column", label: "纬度", text: "39.916527",
			want: []expect{{typ: pi.GPSCoordinate, span: "39.916527", min: 0.5}}},

		{name: "two decimals bare", text: "39.91,116.39", none: []pi.Type{pi.GPSCoordinate}},
		{name: "prices", text: "单价3.50，2.80元。", none: []pi.Type{anyType}},
		{name: "prices bare", text: "3.50，2.80", none: []pi.Type{anyType}},
		{name: "out of range", text: "坐标391.9165,216.3971", none: []pi.Type{pi.GPSCoordinate}},
		{name: "both out of latitude range", text: "坐标139.9165,116.3971", notSpans: []string{"139.9165,116.3971"}},
		{name: "origin", text: "坐标0.0000,0.0000", none: []pi.Type{pi.GPSCoordinate}},
		{name: "minus sign of a range", text: "气温-5.1234至3.4567度", none: []pi.Type{pi.GPSCoordinate}},
		{name: "single value without a word", text: "增长39.916527倍", none: []pi.Type{pi.GPSCoordinate}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkGPS(b *testing.B) {
	benchFamily(b, "事发地点经纬度：%s。", func(v *synth.Values) string { return v.GPS() })
}

func TestGPSPairOutOfRange(t *testing.T) {
	text := []byte("坐标139.9165,116.3971")
	if fs := defaultEngine.Detect(text, nil); len(fs) != 0 {
		t.Errorf("an out-of-range pair gave %v", fs)
	}
}
