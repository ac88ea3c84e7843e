package extract_test

import (
	"errors"
	"fmt"

	"github.com/yasno/yasno/extract"
)

func ExampleHTML() {
	d, err := extract.HTML([]byte(`<p>Уважаемая Анна Сергеевна!</p><table><tr><td>Осмотр в целях проверки</td></tr></table>`), extract.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range d.Paragraphs {
		fmt.Println(p.Part, p.Index, d.Text[p.Start:p.End])
	}
	// Output:
	// body 1 Уважаемая Анна Сергеевна!
	// table 1 Осмотр в целях проверки
}

// Callers map failures by sentinel or by code: the CLI exits with 2, the
// API answers 4xx with the code and the Russian message.
func ExampleCodeOf() {
	legacy := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	_, err := extract.DOCX(legacy, extract.Limits{})
	fmt.Println(errors.Is(err, extract.ErrEncrypted), extract.CodeOf(err))
	fmt.Println(err)
	// Output:
	// true encrypted
	// документ зашифрован или сохранён в старом формате .doc: снимите пароль и сохраните как .docx, затем проверьте снова
}
