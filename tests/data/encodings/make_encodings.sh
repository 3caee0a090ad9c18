#!/bin/sh
# Writes the test files of tests/cli/encodings.cmake from power_zh.csv (UTF-8, LF) with the iconv tool, as Excel
# on a Chinese Windows saves them:
#   power_zh_bom.csv        UTF-8 with a byte-order mark ("CSV UTF-8")
#   power_zh_gb18030.csv    GB18030 (a superset of GBK, "CSV" on a Chinese Windows), CRLF line ends
#   power_zh_utf16le.txt    UTF-16LE with a byte-order mark, tab-delimited, CRLF ("Unicode text")
#   power_zh_utf16be.txt    UTF-16BE with a byte-order mark, tab-delimited, CRLF
#   power_zh_utf32le.txt    UTF-32LE with a byte-order mark, tab-delimited
#   power_zh_broken.csv     GB18030 with a lone byte 0x80 inside a cell of line 31: neither UTF-8 nor GB18030
# Run it in this directory: sh make_encodings.sh
set -eu
cd "$(dirname "$0")"
export LC_ALL=C
src=power_zh.csv

printf '\357\273\277' > power_zh_bom.csv
cat "$src" >> power_zh_bom.csv

sed 's/$/\r/' "$src" | iconv -f UTF-8 -t GB18030 > power_zh_gb18030.csv

printf '\377\376' > power_zh_utf16le.txt
tr ',' '\t' < "$src" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE >> power_zh_utf16le.txt

# the same without a byte-order mark: readable only with --encoding UTF-16LE
tr ',' '\t' < "$src" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE > power_zh_utf16le_nobom.txt

printf '\376\377' > power_zh_utf16be.txt
tr ',' '\t' < "$src" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16BE >> power_zh_utf16be.txt

printf '\377\376\000\000' > power_zh_utf32le.txt
tr ',' '\t' < "$src" | iconv -f UTF-8 -t UTF-32LE >> power_zh_utf32le.txt

# line 31 ends in ",居民": the 0x80 goes between its two characters
sed 's/$/\r/' "$src" | iconv -f UTF-8 -t GB18030 | sed '31s/,\(..\)\(..\)\r$/,\1\x80\2\r/' > power_zh_broken.csv
cmp -s power_zh_broken.csv power_zh_gb18030.csv && { echo "make_encodings.sh: line 31 not changed" >&2; exit 1; }
exit 0
