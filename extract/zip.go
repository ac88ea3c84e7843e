package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// archive is a zip container opened under Limits. Parts are streamed from
// it one at a time; nothing is unpacked to disk.
type archive struct {
	files map[string]*zip.File // exact name
	lower map[string]*zip.File // lower-cased name: OPC part names ignore case
	lim   Limits
	total int64 // uncompressed bytes handed out so far
}

var (
	zipLocal   = []byte("PK\x03\x04")
	zipEmpty   = []byte("PK\x05\x06")
	zipCentral = []byte("PK\x01\x02")
)

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, zipLocal) || bytes.HasPrefix(data, zipEmpty)
}

// openZip checks the container and indexes its entries. notKind is the
// error for input that is no zip at all (ErrNotDOCX, ErrNotODT).
func openZip(data []byte, lim Limits, notKind error) (*archive, error) {
	if isCFB(data) {
		return nil, ErrEncrypted
	}
	if !isZip(data) {
		return nil, notKind
	}
	// Every central directory record carries this signature, so the count
	// bounds the entry count before archive/zip allocates one File per
	// record (the count in the end record may lie).
	if n := bytes.Count(data, zipCentral); n > lim.MaxEntries {
		return nil, fmt.Errorf("%w (больше %d)", ErrTooManyEntries, lim.MaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
		err = nil // names like "../x" are harmless: nothing is written to disk
	}
	if err != nil {
		return nil, fmt.Errorf("%w: архив обрезан или испорчен", ErrCorrupt)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w (больше %d)", ErrTooManyEntries, lim.MaxEntries)
	}
	a := &archive{files: map[string]*zip.File{}, lower: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "/")
		if _, dup := a.files[name]; !dup {
			a.files[name] = f
		}
		if l := strings.ToLower(name); a.lower[l] == nil {
			a.lower[l] = f
		}
	}
	return a, nil
}

func (a *archive) lookup(name string) *zip.File {
	if f := a.files[name]; f != nil {
		return f
	}
	return a.lower[strings.ToLower(name)]
}

func (a *archive) has(name string) bool { return a.lookup(name) != nil }

// open streams one entry. The reader refuses to go past the entry cap,
// the total cap or the ratio cap, whatever the header claims, so a lying
// header cannot inflate past them. ok is false when there is no such entry.
func (a *archive) open(name string) (r io.ReadCloser, ok bool, err error) {
	f := a.lookup(name)
	if f == nil {
		return nil, false, nil
	}
	lim := a.lim
	declared := f.UncompressedSize64
	if declared > uint64(lim.MaxEntrySize) {
		return nil, true, fmt.Errorf("%w (файл %s больше %s)", ErrTooLarge, name, sizeText(lim.MaxEntrySize))
	}
	left := lim.MaxTotalSize - a.total
	if left <= 0 || declared > uint64(left) {
		return nil, true, fmt.Errorf("%w (больше %s)", ErrTooLarge, sizeText(lim.MaxTotalSize))
	}
	ratioCap := int64(1 << 62)
	if c := f.CompressedSize64; c < uint64(1<<62)/uint64(lim.MaxRatio) {
		ratioCap = max(int64(c)*int64(lim.MaxRatio), ratioFloor)
	}
	if declared > uint64(ratioCap) {
		return nil, true, fmt.Errorf("%w: файл %s сжат более чем в %d раз", ErrZipBomb, name, lim.MaxRatio)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, fmt.Errorf("%w: не удалось прочитать %s", ErrCorrupt, name)
	}
	cr := &capReader{r: rc, a: a, name: name}
	// The tightest cap wins and decides which error the reader reports.
	cr.limit, cr.over = lim.MaxEntrySize, fmt.Errorf("%w (файл %s больше %s)", ErrTooLarge, name, sizeText(lim.MaxEntrySize))
	if left < cr.limit {
		cr.limit, cr.over = left, fmt.Errorf("%w (больше %s)", ErrTooLarge, sizeText(lim.MaxTotalSize))
	}
	if ratioCap < cr.limit {
		cr.limit, cr.over = ratioCap, fmt.Errorf("%w: файл %s сжат более чем в %d раз", ErrZipBomb, name, lim.MaxRatio)
	}
	return cr, true, nil
}

// read returns a whole (small) entry, under the same caps as open.
func (a *archive) read(name string) ([]byte, bool, error) {
	r, ok, err := a.open(name)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	return b, true, err
}

// capReader counts what it hands out and fails with over once more than
// limit bytes come out of the decompressor.
type capReader struct {
	r     io.ReadCloser
	a     *archive
	name  string
	n     int64
	limit int64
	over  error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n > c.limit {
		return 0, c.over
	}
	// Ask for at most one byte past the cap: enough to see it is exceeded.
	if room := c.limit + 1 - c.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.a.total += int64(n)
	if c.n > c.limit {
		return 0, c.over
	}
	if err != nil && err != io.EOF {
		// archive/zip reports checksum and size mismatches here.
		return n, fmt.Errorf("%w: файл %s в архиве испорчен", ErrCorrupt, c.name)
	}
	return n, err
}

func (c *capReader) Close() error { return c.r.Close() }

// resolve turns a relationship target into a part name, relative to the
// folder of the part that owns the relationship. It returns "" for targets
// outside the package.
func resolve(dir, target string) string {
	if target == "" || strings.Contains(target, "://") {
		return ""
	}
	var p string
	if strings.HasPrefix(target, "/") {
		p = path.Clean(target)
	} else {
		p = path.Clean("/" + dir + "/" + target)
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" || p == "." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// sniffZip tells an ODT or DOCX package from another zip by its names
// and, for ODT, the stored mimetype entry.
func sniffZip(data []byte) string {
	if bytes.Count(data, zipCentral) > 10_000 {
		return "zip" // do not index a huge directory just to sniff
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return "zip"
	}
	small := func(f *zip.File) []byte {
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, 64<<10))
		return b
	}
	docx := false
	for _, f := range zr.File {
		switch strings.ToLower(strings.TrimPrefix(f.Name, "/")) {
		case "mimetype":
			if bytes.HasPrefix(bytes.TrimSpace(small(f)), []byte("application/vnd.oasis.opendocument.text")) {
				return "odt"
			}
		case "word/document.xml":
			docx = true
		case "[content_types].xml":
			if bytes.Contains(small(f), []byte("wordprocessingml.document")) {
				docx = true
			}
		}
	}
	if docx {
		return "docx"
	}
	return "zip"
}
