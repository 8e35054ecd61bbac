package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestTrain(t *testing.T) {
	cases := []detectCase{
		{name: "次列车 after", text: "12月1日乘坐G1234次列车由重庆返回成都。",
			want: []expect{{typ: pi.TrainNumber, span: "G1234", min: 0.9, attrs: map[string]string{"class": "高速动车组"}}}},
		{name: "word before", text: "乘坐动车D4553返回。",
			want: []expect{{typ: pi.TrainNumber, span: "D4553", min: 0.9}}},
		{name: "short number", text: "搭乘Z336次", want: []expect{{typ: pi.TrainNumber, span: "Z336", min: 0.9}}},
		{name: "seat follows", text: "D4832，04车18F",
			want: []expect{{typ: pi.TrainNumber, span: "D4832", min: 0.8}, {typ: pi.SeatNumber, span: "04车18F"}}},
		{name: "digits only", text: "乘坐1461次列车抵京。",
			want: []expect{{typ: pi.TrainNumber, span: "1461", min: 0.8}}},
		{name: "class letter with a dash", text: "乘坐K-1276次列车",
			want: []expect{{typ: pi.TrainNumber, span: "K-1276", min: 0.85}}},
		{name: "airline code but 次列车", text: "G5823次列车",
			want: []expect{{typ: pi.TrainNumber, span: "G5823", min: 0.9}}, none: []pi.Type{pi.FlightNumber}},

		{name: "bare is weak", text: "G1234",
			want: []expect{{typ: pi.TrainNumber, span: "G1234", low: true, reason: true}}},
		{name: "unknown class letter", text: "乘坐B1234次列车", none: []pi.Type{pi.TrainNumber}},
		{name: "too many digits", text: "G12345次列车", none: []pi.Type{pi.TrainNumber}},
		{name: "digits without 次列车", text: "共1461次", none: []pi.Type{pi.TrainNumber}},
	}
	runCases(t, defaultEngine, cases)
}

func TestFlight(t *testing.T) {
	cases := []detectCase{
		{name: "航班 after", text: "1月2日乘坐CA1234航班由武汉飞抵本市。",
			want: []expect{{typ: pi.FlightNumber, span: "CA1234", min: 0.9, attrs: map[string]string{"airline": "CA"}}}},
		{name: "digit in the designator", text: "乘坐3U8633航班",
			want: []expect{{typ: pi.FlightNumber, span: "3U8633", min: 0.9}}},
		{name: "word before", text: "乘机信息：航班号MU5101，12排",
			want: []expect{{typ: pi.FlightNumber, span: "MU5101", min: 0.9}}},
		{name: "airline name as context", text: "乘坐东航MU5101",
			want: []expect{{typ: pi.FlightNumber, span: "MU5101", min: 0.9}}},
		{name: "seat follows", text: "CZ6516（座位号：39B）",
			want: []expect{{typ: pi.FlightNumber, span: "CZ6516", min: 0.8}, {typ: pi.SeatNumber, span: "39B"}}},
		{name: "unknown airline with context", text: "乘坐XY123航班",
			want: []expect{{typ: pi.FlightNumber, span: "XY123", min: 0.6}}},

		{name: "known airline bare is weak", text: "CA1234",
			want: []expect{{typ: pi.FlightNumber, span: "CA1234", low: true, reason: true}}},
		{name: "unknown airline bare", text: "XY1234", none: []pi.Type{pi.FlightNumber}},
		{name: "too many digits", text: "航班CA12345", none: []pi.Type{pi.FlightNumber}},
	}
	runCases(t, defaultEngine, cases)
}

func TestSeat(t *testing.T) {
	cases := []detectCase{
		{name: "carriage and seat", text: "乘坐G1234次列车（8车12F）返回。",
			want: []expect{{typ: pi.SeatNumber, span: "8车12F", min: 0.85}, {typ: pi.TrainNumber, span: "G1234"}}},
		{name: "row and seat letter", text: "影院15排C座", want: []expect{{typ: pi.SeatNumber, span: "15排C座", min: 0.85}}},
		{name: "numbered carriage and seat", text: "7号车厢50座", want: []expect{{typ: pi.SeatNumber, span: "7号车厢50座", min: 0.85}}},
		{name: "carriage and seat number", text: "3车厢12号", want: []expect{{typ: pi.SeatNumber, span: "3车厢12号"}}},
		{name: "berth", text: "K1234次列车9车22号上铺", want: []expect{{typ: pi.SeatNumber, span: "9车22号上铺"}}},
		{name: "seat code after a seat word", text: "座位号32A", want: []expect{{typ: pi.SeatNumber, span: "32A", min: 0.8}}},
		{name: "seat code on a flight", text: "乘坐CA1234航班，座位号32A。",
			want: []expect{{typ: pi.FlightNumber, span: "CA1234"}, {typ: pi.SeatNumber, span: "32A"}}},

		{name: "carriage alone", text: "10车厢", none: []pi.Type{pi.SeatNumber}},
		{name: "row alone", text: "15排", none: []pi.Type{pi.SeatNumber}},
		{name: "cars", text: "3车12人", none: []pi.Type{pi.SeatNumber}},
		{name: "seat code without a word", text: "尺码32A", none: []pi.Type{pi.SeatNumber}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkTravel(b *testing.B) {
	benchFamily(b, "%s返回。", func(v *synth.Values) string {
		if v.Rand().IntN(2) == 0 {
			return "乘坐" + v.Train() + "次列车（" + v.Seat() + "）"
		}
		return "乘坐" + v.Flight() + "航班，座位号12A，"
	})
}
