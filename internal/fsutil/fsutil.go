// Package fsutil writes files without ever leaving them half-written.
package fsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic replaces the file at path with data: it writes a temporary
// file in the same directory, syncs it, gives it the mode of the file it
// replaces (or perm for a new file), and renames it over path. On any error
// the original is untouched and the temporary file is removed.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	mode := perm
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
		// A read-only file stays unchanged: renaming over it would succeed
		// in a writable directory, silently defeating its protection.
		if mode&0o200 == 0 {
			return fmt.Errorf("%s: file is read-only; make it writable to apply fixes", path)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".postlint-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write fixes: %w", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
