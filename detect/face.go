package detect

import (
	"bytes"
	"strings"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/terms"
)

// Face images. A register's or an app's photo field (照片, 人脸照片,
// faceImageUrl, avatar) holds a picture of the person's face, or where it
// is: the link or the file name is as much the face image as the picture
// (a school app's pupils with their faceImageUrl). The catalogue counts
// face images among biometric data (PI.BIO.FACE), and the minors'
// profile hides a child's portrait.

// faceLabels are the words of column names and keys whose values are a
// face image (Chinese as written, English lower-cased without separators).
var faceLabels = []string{"照片", "相片", "头像", "人脸", "面部", "证件照", "免冠照", "肖像"}

var englishFaceLabels = []string{"face", "photo", "avatar", "portrait", "headimg", "head_img", "selfie", "picture"}

// faceLabel reports whether a column name or key labels face images.
func faceLabel(label string) bool {
	if label == "" {
		return false
	}
	for _, w := range faceLabels {
		if strings.Contains(label, w) {
			return true
		}
	}
	if !hasASCIILetter(label) {
		return false
	}
	l := strings.ToLower(label)
	for _, w := range englishFaceLabels {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// faceCell reports the whole value under a face label as a face image,
// in place of what was found in it (the link's url); a blank or an answer
// that says there is none (无, 未上传) is nothing.
func faceCell(text []byte, fs []pi.Finding) []pi.Finding {
	start, end := 0, len(text)
	for start < end && (text[start] == ' ' || text[start] == '\t' || text[start] == '"') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '"' || text[end-1] == '\n' || text[end-1] == '\r') {
		end--
	}
	v := text[start:end]
	if len(v) == 0 || terms.BlankAnswer(string(v)) || bytes.Equal(v, []byte("未上传")) {
		return fs
	}
	kept := fs[:0]
	for _, f := range fs {
		if f.Start >= start && f.End <= end {
			continue
		}
		kept = append(kept, f)
	}
	return append(kept, pi.Finding{Type: pi.Biometric, Category: pi.CatBioFace, Start: start, End: end, Score: 0.85,
		Source: terms.Source, Evidence: pi.Evidence{Validator: "column:face", Valid: true},
		Attrs: []pi.Attr{{Key: "kind", Value: "face_image"}}})
}

// hasASCIILetter reports whether s holds a Latin letter.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLetter(s[i]) {
			return true
		}
	}
	return false
}
