# Survey CSV files in other encodings than UTF-8 (tests/data/encodings, written by make_encodings.sh from
# power_zh.csv): every encoding gives the results of the UTF-8 file, the output says which encoding was read, and
# bytes that no encoding tried can read end in one located error. Transcoding needs iconv.

find_package(Iconv QUIET)
if(NOT Iconv_FOUND)
  message(STATUS "csat: encodings tests skipped (no iconv)")
  return()
endif()

set(enc_dir @SRC@/tests/data/encodings)
set(enc_model ${enc_dir}/power_zh.model)

# file name suffix, the encoding the output names
set(enc_files "" "_bom" "_gb18030" "_utf16le" "_utf16be")
set(enc_names "UTF-8" "UTF-8" "GB18030" "UTF-16LE" "UTF-16BE")
set(enc_ext ".csv" ".csv" ".csv" ".txt" ".txt")

set(enc_describe_runs "")
set(enc_describe_json_runs "")
set(enc_pls_runs "")
set(enc_pls_json_runs "")
foreach(i RANGE 4)
  list(GET enc_files ${i} suffix)
  list(GET enc_names ${i} encoding)
  list(GET enc_ext ${i} ext)
  set(file ${enc_dir}/power_zh${suffix}${ext})
  string(REGEX REPLACE "[.]" "[.]" file_re "power_zh${suffix}${ext}")
  if(suffix STREQUAL "")
    set(name utf8)
  else()
    string(SUBSTRING "${suffix}" 1 -1 name)
  endif()

  # Values printed to full precision by the UTF-8 run, and the Chinese names in UTF-8.
  csat_cli_test(NAME encodings.describe_json_${name}
    ARGS describe ${file} --text 客户类别 --json
    STDOUT "\"rows\": 60" "\"numeric_columns\": 13" "\"missing_cells\": 0"
           "\"name\": \"形象1\",\n +\"sd\": 1[.]538489243557579,\n +\"skewness\": -0[.]11534108375953706"
           "\"excess_kurtosis\": -0[.]578231732440701,[^}]*\"name\": \"忠诚度2\",\n +\"sd\": 1[.]8036372541707948"
           "\"mean\": 7[.]183333333333334" "\"levels\": {\n +\"企业\": 20,\n +\"居民\": 40"
           "\"encoding\": \"${encoding}\"" "\"file\": \"[^\"]*${file_re}\"")

  csat_cli_test(NAME encodings.describe_${name}
    ARGS describe ${file} --text 客户类别
    STDOUT "${file_re}: 60 rows, 13 numeric columns, 1 text column, 0 missing values"
           "read as [^\n]*${file_re} [(]csv, ${encoding}[)]"
           "\n形象1 +60 +0 +6[.]850 +1[.]538 +3[.]00 +10[.]00 +-0[.]115 +-0[.]186\n"
           "\n忠诚度2 +60 +0 +7[.]033 +1[.]804 " "text column 客户类别: +企业 20 +居民 40")

  csat_cli_test(NAME encodings.pls_json_${name}
    ARGS pls --model ${enc_model} --data ${file} --json
    STDOUT "\"estimate\": 0[.]5011163372192998,\n +\"from\": \"形象\",\n +\"to\": \"期望\""
           "\"estimate\": 0[.]49094562966990624,\n +\"from\": \"形象\",\n +\"to\": \"满意度\""
           "\"construct\": \"满意度\",\n +\"estimate\": 0[.]8729132219649525,\n +\"indicator\": \"满意度1\""
           "\"忠诚度\": 0[.]4718838359775709" "\"rho_a\": 0[.]8283030454275638"
           "\"rho_c\": 0[.]8966087505813785" "\"f2\": 0[.]38074006035057106" "\"f2\": 0[.]33532311331010245"
           "\"estimate\": 0[.]9263073932632699,\n +\"indicator\": \"质量3\""
           "\"final_change\": 5[.]978750750035289e-08"
           "\"encoding\": \"${encoding}\"")

  csat_cli_test(NAME encodings.pls_${name}
    ARGS pls --model ${enc_model} --data ${file}
    STDOUT "Data: [^\n]*${file_re} [(]csv, ${encoding}[)]" "60 rows used"
           "final change 5[.]978751005386584e-08"
           "\n +形象 +期望 +0[.]501\n" "\n +形象 +满意度 +0[.]491\n")

  list(APPEND enc_describe_runs "describe ${file} --text 客户类别")
  list(APPEND enc_describe_json_runs "describe ${file} --text 客户类别 --json")
  list(APPEND enc_pls_runs "pls --model ${enc_model} --data ${file}")
  list(APPEND enc_pls_json_runs "pls --model ${enc_model} --data ${file} --json")
endforeach()

# Apart from the lines naming the file and what was read, every encoding prints the UTF-8 file's output (JSON: the
# lines of "data_read", whose notes array closes with "    ],").
csat_cli_same_output(NAME encodings.describe_same IGNORE "power_zh" RUNS ${enc_describe_runs})
csat_cli_same_output(NAME encodings.pls_same IGNORE "power_zh" RUNS ${enc_pls_runs})
csat_cli_same_output(NAME encodings.describe_json_same IGNORE "(power_zh|encoding|notes|not UTF-8|    .,)"
  RUNS ${enc_describe_json_runs})
csat_cli_same_output(NAME encodings.pls_json_same IGNORE "(power_zh|encoding|notes|not UTF-8|    .,)"
  RUNS ${enc_pls_json_runs})

# auto: GB18030 is a guess, and the output says so
csat_cli_test(NAME encodings.gb18030_note
  ARGS describe ${enc_dir}/power_zh_gb18030.csv --text 客户类别
  STDOUT "read as [^\n]*power_zh_gb18030[.]csv [(]csv, GB18030[)]; not UTF-8 [(]bytes 0xD0 0xCE at offset 0[)], "
         "[)], read as GB18030, which covers GBK and GB2312; --encoding NAME reads another encoding\n")

# an explicit encoding: no guess, no note
csat_cli_test(NAME encodings.gb18030_given
  ARGS describe ${enc_dir}/power_zh_gb18030.csv --text 客户类别 --encoding GB18030
  STDOUT "read as [^\n]*power_zh_gb18030[.]csv [(]csv, GB18030[)]\n" "text column 客户类别: +企业 20 +居民 40"
  STDOUT_NOT "not UTF-8")

csat_cli_test(NAME encodings.gbk_lowercase
  ARGS pls --model ${enc_model} --data ${enc_dir}/power_zh_gb18030.csv --encoding gbk --json
  STDOUT "\"estimate\": 0[.]5011163372192998" "\"encoding\": \"GBK\"")

csat_cli_test(NAME encodings.utf8_given
  ARGS describe ${enc_dir}/power_zh_bom.csv --text 客户类别 --encoding utf-8
  STDOUT "[(]csv, UTF-8[)]\n" "text column 客户类别: +企业 20 +居民 40")

csat_cli_test(NAME encodings.unknown EXIT 3 ONE_LINE_STDERR
  ARGS describe ${enc_dir}/power_zh.csv --text 客户类别 --encoding NOPE
  STDERR "^csat: error: unknown encoding NOPE [(]--encoding takes auto or a name iconv knows")

# A GB18030 file read as UTF-8 stops at its first byte.
csat_cli_test(NAME encodings.gb18030_as_utf8 EXIT 3 ONE_LINE_STDERR
  ARGS describe ${enc_dir}/power_zh_gb18030.csv --encoding UTF-8
  STDERR "^csat: error: [^\n]*power_zh_gb18030[.]csv:1:1: not valid UTF-8: "
         ": bytes 0xD0 0xCE at offset 0, line 1 column 1\n")

# A byte 0x80 between the two characters of 居民 on line 31 (GB18030 otherwise): neither encoding reads the file,
# GB18030 reads further, so its position is the error's location.
csat_cli_test(NAME encodings.broken EXIT 3 ONE_LINE_STDERR
  ARGS describe ${enc_dir}/power_zh_broken.csv --text 客户类别
  STDERR "^csat: error: [^\n]*power_zh_broken[.]csv:31:28: not valid UTF-8 [(]"
         ": not valid UTF-8 [(]bytes 0xD0 0xCE at offset 0, line 1 column 1[)] nor GB18030 [(]"
         "[)] nor GB18030 [(]byte 0x80 at offset 1086, line 31 column 28[)]; give --encoding NAME for another "
         "; give --encoding NAME for another encoding\n")

csat_cli_test(NAME encodings.broken_given EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${enc_model} --data ${enc_dir}/power_zh_broken.csv --encoding GB18030
  STDERR "^csat: error: [^\n]*power_zh_broken[.]csv:31:28: not valid GB18030: "
         ": not valid GB18030: byte 0x80 at offset 1086, line 31 column 28\n")

# UTF-16 read as GB18030 by mistake: its byte-order mark is not GB18030
csat_cli_test(NAME encodings.utf16_as_gb18030 EXIT 3 ONE_LINE_STDERR
  ARGS describe ${enc_dir}/power_zh_utf16le.txt --encoding GB18030
  STDERR "^csat: error: [^\n]*power_zh_utf16le[.]txt:1:1: not valid GB18030: "
         ": not valid GB18030: byte 0xFF at offset 0, line 1 column 1\n")

# Chinese labels of a text column, read from UTF-16, as segments
csat_cli_test(NAME encodings.segments_utf16le
  ARGS pls --model ${enc_model} --data ${enc_dir}/power_zh_utf16le.txt --segment 客户类别
  STDOUT "Indices by 客户类别\n" "\n +企业 +20 +64[.]0 +54[.]2 +57[.]3 +67[.]3 +63[.]1\n"
         "\n +居民 +40 +62[.]5 +62[.]1 +60[.]2 +60[.]9 +60[.]1\n")

# a UTF-32LE byte-order mark (FF FE 00 00) is not taken for UTF-16LE
csat_cli_test(NAME encodings.utf32le
  ARGS describe ${enc_dir}/power_zh_utf32le.txt --text 客户类别
  STDOUT "read as [^\n]*power_zh_utf32le[.]txt [(]csv, UTF-32LE[)]\n"
         "\n形象1 +60 +0 +6[.]850 +1[.]538 +3[.]00 +10[.]00 +-0[.]115 +-0[.]186\n"
         "text column 客户类别: +企业 20 +居民 40")

# UTF-16 without a byte-order mark: read with --encoding, and recognized for what it is without it
csat_cli_test(NAME encodings.utf16le_nobom_given
  ARGS describe @SRC@/tests/data/encodings/power_zh_utf16le_nobom.txt --encoding UTF-16LE --text 客户类别
  STDOUT "60 rows, 13 numeric columns, 1 text column, 0 missing values" "read as [^\n]*[(]csv, UTF-16LE[)]")
csat_cli_test(NAME encodings.utf16le_nobom_said EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/encodings/power_zh_utf16le_nobom.txt
  STDERR "power_zh_utf16le_nobom[.]txt: not a CSV text file: it looks like UTF-16 text without a byte-order mark [(]give --encoding UTF-16LE[)]")
