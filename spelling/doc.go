// Package spelling reads Hunspell dictionaries (an .aff and a .dic file) and
// checks and corrects words with them, in pure Go. It is made for Debian's
// hunspell-ru (ru_RU), which Find locates.
//
// Stems are stored as written; inflected forms are recognised at Check time
// by undoing affix rules, so loading stays fast and small. The letters ё and
// е are treated as one. See README.md for the supported .aff features and
// the differences from Hunspell.
package spelling
