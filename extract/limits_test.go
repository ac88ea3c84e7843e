package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zeroDeflate returns a raw deflate stream of size zero bytes (a multiple
// of 1 MiB) and its CRC-32. Compressing a gigabyte through compress/flate
// takes minutes under -race, so one megabyte is compressed twice (from an
// empty window, then from a window of zeros) and the second block, which
// ends on a byte boundary after Flush, is repeated: the window a decoder
// holds is always zeros, so every copy decodes alike.
func zeroDeflate(t testing.TB, size int64) ([]byte, uint32) {
	const chunk = 1 << 20
	zero := make([]byte, chunk)
	enc := func(dict []byte) []byte {
		var b bytes.Buffer
		w, err := flate.NewWriterDict(&b, flate.BestCompression, dict)
		require.NoError(t, err)
		_, err = w.Write(zero)
		require.NoError(t, err)
		require.NoError(t, w.Flush())
		return b.Bytes()
	}
	first, rest := enc(nil), enc(make([]byte, 32<<10))
	var s bytes.Buffer
	s.Write(first)
	crc := crc32.Update(0, crc32.IEEETable, zero)
	for n := int64(chunk); n < size; n += chunk {
		s.Write(rest)
		crc = crc32.Update(crc, crc32.IEEETable, zero)
	}
	s.Write([]byte{1, 0, 0, 0xff, 0xff}) // final empty stored block
	return s.Bytes(), crc
}

// rawZip writes one entry from a ready deflate stream, with the sizes the
// caller claims.
func rawZip(t testing.TB, name string, stream []byte, crc uint32, declared uint64, before ...file) []byte {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range before {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Store})
		require.NoError(t, err)
		_, err = io.WriteString(w, f.body)
		require.NoError(t, err)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(stream)), UncompressedSize64: declared})
	require.NoError(t, err)
	_, err = w.Write(stream)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return out.Bytes()
}

var gigabyte struct {
	once   sync.Once
	stream []byte
	crc    uint32
}

// gigaStream is 1 GiB of zeros deflated to about 1 MB, made once per run.
func gigaStream(t testing.TB) ([]byte, uint32) {
	gigabyte.once.Do(func() { gigabyte.stream, gigabyte.crc = zeroDeflate(t, 1<<30) })
	return gigabyte.stream, gigabyte.crc
}

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func TestZipBombGigabyte(t *testing.T) {
	stream, crc := gigaStream(t)
	require.Less(t, len(stream), 2<<20, "the bomb should compress to about 1 MB")
	odtHead := []file{{name: "mimetype", body: "application/vnd.oasis.opendocument.text"}}
	cases := []struct {
		name string
		fn   func([]byte, Limits) (*Document, error)
		data []byte
		lim  Limits
		want error
	}{
		{"docx, honest header", DOCX, rawZip(t, "word/document.xml", stream, crc, 1<<30), Limits{}, ErrTooLarge},
		{"docx, caps raised: ratio refuses", DOCX, rawZip(t, "word/document.xml", stream, crc, 1<<30), Limits{MaxEntrySize: 4 << 30, MaxTotalSize: 4 << 30}, ErrZipBomb},
		{"docx, header lies small", DOCX, rawZip(t, "word/document.xml", stream, crc, 1000), Limits{}, ErrCorrupt},
		{"odt, honest header", ODT, rawZip(t, "content.xml", stream, crc, 1<<30, odtHead...), Limits{}, ErrTooLarge},
		{"odt, header lies small", ODT, rawZip(t, "content.xml", stream, crc, 2000, odtHead...), Limits{}, ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d *Document
			var err error
			n := allocated(func() { d, err = c.fn(c.data, c.lim) })
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
			assert.Less(t, n, uint64(16<<20), "refusal must stream, not inflate")
		})
	}
}

// TestCapReader covers the reader's own caps, which stand even if the zip
// layer stopped checking sizes against the header.
func TestCapReader(t *testing.T) {
	for _, c := range []struct {
		n, limit int
		fail     bool
	}{{1000, 1000, false}, {1001, 1000, true}, {0, 0, false}, {5 << 20, 1 << 20, true}} {
		a := &archive{}
		cr := &capReader{r: io.NopCloser(bytes.NewReader(make([]byte, c.n))), a: a, name: "x", limit: int64(c.limit), over: ErrZipBomb}
		got, err := io.ReadAll(cr)
		if c.fail {
			require.ErrorIs(t, err, ErrZipBomb)
			assert.LessOrEqual(t, len(got), c.limit)
			assert.LessOrEqual(t, a.total, int64(c.limit)+1)
		} else {
			require.NoError(t, err)
			assert.Len(t, got, c.n)
		}
	}
}

func TestArchiveCaps(t *testing.T) {
	para := p(r("Текст")) // about 60 bytes of XML
	many := func(n int) []file {
		fs := docxFiles(para)
		for i := len(fs); i < n; i++ {
			fs = append(fs, file{name: fmt.Sprintf("customXml/item%d.xml", i), body: "<a/>"})
		}
		return fs
	}
	spaces := func(n int) string { return `<w:body>` + strings.Repeat(" ", n) + para + `</w:body>` }
	big := docxFiles("")
	big[2].body = `<w:document ` + wNS + `>` + spaces(2<<20) + `</w:document>`
	small := docxFiles("")
	small[2].body = `<w:document ` + wNS + `>` + spaces(900<<10) + `</w:document>`
	header := hdr("hdr", p(r(strings.Repeat("ш", 1500))))
	withHeader := `<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>`
	truncated := fixture(t, "reply.docx")
	truncated = truncated[:len(truncated)/2]

	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error // nil: must pass
	}{
		{"entries at the cap", makeZip(t, many(10)...), Limits{MaxEntries: 10}, nil},
		{"too many entries", makeZip(t, many(11)...), Limits{MaxEntries: 10}, ErrTooManyEntries},
		{"too many entries, default cap", makeZip(t, many(1001)...), Limits{}, ErrTooManyEntries},
		{"entry at the size cap", docxBytes(t, para), Limits{MaxEntrySize: 4096}, nil},
		{"oversize entry", docxBytes(t, p(r(strings.Repeat("я", 3000)))), Limits{MaxEntrySize: 4096}, ErrTooLarge},
		{"total within cap", docxBytes(t, para+withHeader, file{name: "word/header1.xml", body: header}), Limits{MaxEntrySize: 4096, MaxTotalSize: 8192}, nil},
		{"total over cap", docxBytes(t, p(r(strings.Repeat("я", 1500)))+withHeader, file{name: "word/header1.xml", body: header}), Limits{MaxEntrySize: 4096, MaxTotalSize: 6000}, ErrTooLarge},
		{"ratio over 100 above 1 MiB", makeZip(t, big...), Limits{}, ErrZipBomb},
		{"high ratio below 1 MiB is fine", makeZip(t, small...), Limits{}, nil},
		{"stored entry has ratio 1", makeZip(t, append(docxFiles("")[:2], file{name: "word/document.xml", body: big[2].body, store: true})...), Limits{}, nil},
		{"CFB container", append(append([]byte{}, cfbMagic...), make([]byte, 4096)...), Limits{}, ErrEncrypted},
		{"not a zip", []byte("<html>это не docx</html>"), Limits{}, ErrNotDOCX},
		{"truncated zip", truncated, Limits{}, ErrCorrupt},
		{"zip without word/document.xml", makeZip(t, docxFiles(para)[:2]...), Limits{}, ErrNotDOCX},
		{"broken XML", makeZip(t, file{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>текст</w:r>`}), Limits{}, ErrCorrupt},
		{"unclosed XML", makeZip(t, file{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p>`}), Limits{}, ErrCorrupt},
		{"empty document part", makeZip(t, file{name: "word/document.xml", body: ``}), Limits{}, ErrCorrupt},
		{"unsupported compression", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: 99, CompressedSize64: 3, UncompressedSize64: 3})
			_, _ = w.Write([]byte("abc"))
			_ = zw.Close()
			return b.Bytes()
		}(), Limits{}, ErrCorrupt},
		{"depth within cap", docxBytes(t, strings.Repeat("<w:sdt><w:sdtContent>", 50)+para+strings.Repeat("</w:sdtContent></w:sdt>", 50)), Limits{}, nil},
		{"too deep", docxBytes(t, strings.Repeat("<w:sdt><w:sdtContent>", 150)+para+strings.Repeat("</w:sdtContent></w:sdt>", 150)), Limits{}, ErrTooDeep},
		{"too deep, custom cap", docxBytes(t, strings.Repeat("<w:customXml>", 20)+para+strings.Repeat("</w:customXml>", 20)), Limits{MaxXMLDepth: 16}, ErrTooDeep},
		{"too deep inside skipped content", docxBytes(t, p(`<w:del>`+strings.Repeat("<w:x>", 300)+strings.Repeat("</w:x>", 300)+`</w:del>`)), Limits{}, ErrTooDeep},
		{"tokens within cap", docxBytes(t, strings.Repeat(para, 10)), Limits{MaxXMLTokens: 200}, nil},
		{"too many tokens", docxBytes(t, strings.Repeat(para, 100)), Limits{MaxXMLTokens: 200}, ErrTooManyTokens},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DOCX(c.data, c.lim)
			if c.want == nil {
				require.NoError(t, err)
				checkDoc(t, d)
				return
			}
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
			assert.NotEmpty(t, CodeOf(err))
		})
	}
}

func TestTruncatedEverywhere(t *testing.T) {
	for _, name := range []string{"reply.docx", "reply.odt"} {
		data := fixture(t, name)
		fn := DOCX
		if strings.HasSuffix(name, ".odt") {
			fn = ODT
		}
		for cut := 0; cut < len(data); cut += 37 {
			d, err := fn(data[:cut], Limits{})
			require.Error(t, err, "%s cut at %d", name, cut)
			assert.Nil(t, d)
			assert.NotEmpty(t, CodeOf(err), "%s cut at %d: %v", name, cut, err)
		}
	}
}

func TestODTCaps(t *testing.T) {
	spaces := strings.Repeat(`<text:s text:c="1000"/>`, 2000) // 2 MB of text from 46 KB of XML
	deep := strings.Repeat("<text:span>", 300) + "x" + strings.Repeat("</text:span>", 300)
	manyFiles := odtFiles("", tp("Текст"), "")
	for i := 0; i < 20; i++ {
		manyFiles = append(manyFiles, file{name: fmt.Sprintf("Pictures/%d.png", i), body: "png"})
	}
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"expanded text over the cap", odtBytes(t, "", tp(spaces+"конец"), ""), Limits{MaxTotalSize: 1 << 20}, ErrTooLarge},
		{"text:s count is capped", odtBytes(t, "", tp(`a<text:s text:c="999999999"/>b`), ""), Limits{}, nil},
		{"too deep", odtBytes(t, "", tp(deep), ""), Limits{}, ErrTooDeep},
		{"too many tokens", odtBytes(t, "", strings.Repeat(tp("x"), 500), ""), Limits{MaxXMLTokens: 500}, ErrTooManyTokens},
		{"too many entries", makeZip(t, manyFiles...), Limits{MaxEntries: 10}, ErrTooManyEntries},
		{"oversize content", odtBytes(t, "", tp(strings.Repeat("я", 5000)), ""), Limits{MaxEntrySize: 4096}, ErrTooLarge},
		{"broken XML", odtBytes(t, "", "<text:p>", ""), Limits{}, ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := ODT(c.data, c.lim)
			if c.want == nil {
				require.NoError(t, err)
				checkDoc(t, d)
				return
			}
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
		})
	}
}

func TestErrorMessages(t *testing.T) {
	_, err := DOCX(makeZip(t, docxFiles(p(r(strings.Repeat("я", 3000))))...), Limits{MaxEntrySize: 4096, MaxTotalSize: 64 << 20})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, "архив слишком большой после распаковки (файл word/document.xml больше 4 КБ)", err.Error())

	_, err = DOCX(makeZip(t, docxFiles(p(r(strings.Repeat("я", 3000))))...), Limits{MaxTotalSize: 4096})
	assert.Equal(t, "архив слишком большой после распаковки (больше 4 КБ)", err.Error())

	fs := docxFiles("")
	for i := 0; i < 1000; i++ {
		fs = append(fs, file{name: fmt.Sprintf("x/%d", i)})
	}
	_, err = DOCX(makeZip(t, fs...), Limits{})
	assert.Equal(t, "слишком много файлов в архиве (больше 1000)", err.Error())

	_, err = DOCX(makeZip(t, file{name: "word/document.xml", body: "<w:document " + wNS + ">\n<w:body>\n<w:p></w:body>"}), Limits{})
	assert.Equal(t, "повреждённый документ: ошибка разметки в word/document.xml, строка 3", err.Error())

	_, err = ODT(odtBytes(t, "", tp(strings.Repeat(`<text:s text:c="1000"/>`, 100)), ""), Limits{MaxTotalSize: 64 << 10})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, "в документе слишком много текста (больше 64 КБ)", err.Error())

	_, err = HTML(make([]byte, 2000), Limits{MaxTotalSize: 1000})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, "too_large", CodeOf(err))
	assert.Equal(t, "страница слишком большая (больше 1000 байт)", err.Error())

	assert.Equal(t, "64 МБ", sizeText(64<<20))
	assert.Equal(t, "1.5 МБ", sizeText(3<<19))
	assert.Equal(t, "12 байт", sizeText(12))
}
