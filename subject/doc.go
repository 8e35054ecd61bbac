// Package subject works out whom findings are about. It splits text into
// the stretches that speak of one person — a bulletin entry (病例3：…), a
// sentence — and, within them, into one subject per named person; a CSV
// row or a JSON object is one record. For each subject it gathers the facts
// the findings state (name, age, sex, an age implied by a school grade or
// derived from an ID number) and applies them to every finding of the
// subject: under 14 adds PI.MINOR_U14 (PIPL Art. 28 makes the whole record
// sensitive), under 18 marks the subject a minor (Minors Protection Law
// Art. 2). It also recognizes trajectories: a person's dated visits,
// transport and stays, reported as one finding that spans the itinerary.
package subject
