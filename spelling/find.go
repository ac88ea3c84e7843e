package spelling

import (
	"os"
	"path/filepath"
	"strings"
)

// dictName is the dictionary Find looks for.
const dictName = "ru_RU"

// defaultDirs are where Linux distributions install Hunspell dictionaries.
var defaultDirs = []string{
	"/usr/share/hunspell",
	"/usr/share/myspell",
	"/usr/share/myspell/dicts",
	"/usr/local/share/hunspell",
}

// Find looks for ru_RU.aff and ru_RU.dic. Each extra path is either a
// directory or the path of one of the two files (the other is expected next
// to it); then come the directories in $DICPATH and the usual system places.
func Find(extra ...string) (affPath, dicPath string, ok bool) {
	var dirs []string
	for _, p := range extra {
		if p == "" {
			continue
		}
		if ext := filepath.Ext(p); ext == ".aff" || ext == ".dic" {
			base := strings.TrimSuffix(p, ext)
			if isFile(base+".aff") && isFile(base+".dic") {
				return base + ".aff", base + ".dic", true
			}
			continue
		}
		dirs = append(dirs, p)
	}
	dirs = append(dirs, filepath.SplitList(os.Getenv("DICPATH"))...)
	dirs = append(dirs, defaultDirs...)
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		aff := filepath.Join(dir, dictName+".aff")
		dic := filepath.Join(dir, dictName+".dic")
		if isFile(aff) && isFile(dic) {
			return aff, dic, true
		}
	}
	return "", "", false
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
