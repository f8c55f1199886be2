package report

import "errors"

// Tee returns a reporter that hands every file and the summary to each of
// rs in turn (one run, several formats), and then calls done, if not nil,
// once they are all closed: to close the files they write to.
func Tee(done func() error, rs ...Reporter) Reporter {
	return &tee{rs: rs, done: done}
}

type tee struct {
	rs   []Reporter
	done func() error
}

func (t *tee) File(f *File) error {
	var errs []error
	for _, r := range t.rs {
		errs = append(errs, r.File(f))
	}
	return errors.Join(errs...)
}

func (t *tee) Close(s Summary) error {
	var errs []error
	for _, r := range t.rs {
		errs = append(errs, r.Close(s))
	}
	if t.done != nil {
		errs = append(errs, t.done())
	}
	return errors.Join(errs...)
}
