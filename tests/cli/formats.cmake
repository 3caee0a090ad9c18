# Survey data from .xlsx, SPSS and Stata files (examples/cli/read_xlsx.cpp, read_stat.cpp): the same 300 rows of
# the bundled survey in every format (tests/data/formats, made by make_formats.R and make_xlsx.py there) must give
# the same numbers as the CSV, to full precision; malformed files end in one line naming the file and the cell.
#
# The readers are optional: the same checks as examples/cli/CMakeLists.txt decide whether this build has them,
# and a build without one checks the message that says so.

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(CSAT_TEST_LIBZIP QUIET libzip)
endif()
find_package(EXPAT QUIET)
set(csat_formats_xlsx OFF)
if(CSAT_TEST_LIBZIP_FOUND AND EXPAT_FOUND)
  set(csat_formats_xlsx ON)
endif()
find_path(CSAT_READSTAT_INCLUDE readstat.h)
find_library(CSAT_READSTAT_LIBRARY readstat)
set(csat_formats_stat OFF)
if(CSAT_READSTAT_INCLUDE AND CSAT_READSTAT_LIBRARY)
  set(csat_formats_stat ON)
endif()

set(fmt @SRC@/tests/data/formats)

# Expected in every format: the CSV run's counts and statistics (printed to full precision by --json).
set(csat_formats_describe_text
  "300 rows, 22 numeric columns, 1 text column, 167 missing values"
  "\nQUA2 +283 +17 +7[.]417 +2[.]587 " "\nSAT2 +293 +7 +6[.]652 +2[.]820 " "\nIMG1 +296 +4 "
  "residential 211 +industrial 33 +commercial 36 +agricultural 20")
set(csat_formats_describe_json
  "\"missing_cells\": 167" "\"mean\": 7[.]41696113074205," "\"sd\": 2[.]5866532681612924,"
  "\"mean\": 6[.]651877133105802," "\"sd\": 2[.]820237206807302," "\"alpha\": 0[.]8908064042125163,"
  "\"alpha_if_deleted\": 0[.]8762058712714756,")
set(csat_formats_pls_json
  "\"n_used\": 169," "\"estimate\": 0[.]4234030078496318," "\"estimate\": 0[.]23188538060444233,"
  "\"estimate\": 0[.]8364309885669026," "\"Satisfaction\": 0[.]47239233409474335,"
  "\"rho_a\": 0[.]8616732538017975," "\"srmr\": 0[.]05534778711353583,"
  "excluded 131 of 300 rows [(]lines 2, 4, 6, 7, 9, 12,")

# csat_formats_same(FORMAT EXT [extra stdout regexes]): describe (text and JSON) and pls --json on power300.EXT.
function(csat_formats_same name ext)
  csat_cli_test(NAME formats.${name}.describe
    ARGS describe ${fmt}/power300.${ext} --text segment
    STDOUT ${csat_formats_describe_text} ${ARGN})
  csat_cli_test(NAME formats.${name}.describe_json
    ARGS describe ${fmt}/power300.${ext} --text segment --json --scale Quality=QUA1,QUA2,QUA3,QUA4,QUA5
    STDOUT ${csat_formats_describe_json})
  csat_cli_test(NAME formats.${name}.pls_json
    ARGS pls --model ${fmt}/power.model --data ${fmt}/power300.${ext} --missing listwise --json
    STDOUT ${csat_formats_pls_json})
endfunction()

csat_formats_same(csv csv "read as [^\n]*power300[.]csv [(]csv, UTF-8[)]")

# --missing-codes 10: every answer 10 is missing, in text and number cells alike
set(csat_formats_code10 "300 rows, 22 numeric columns, 1 text column, 1474 missing values" "\nIMG1 +219 +81 +6[.]256 ")
csat_cli_test(NAME formats.csv.missing_code
  ARGS describe ${fmt}/power300.csv --text segment --missing-codes 10
  STDOUT ${csat_formats_code10})

if(csat_formats_xlsx)
  csat_formats_same(xlsx xlsx "read as [^\n]*power300[.]xlsx [(]xlsx, sheet Sheet1[)]")
  csat_cli_test(NAME formats.xlsx.missing_code
    ARGS describe ${fmt}/power300.xlsx --text segment --missing-codes 10
    STDOUT ${csat_formats_code10})
  csat_cli_test(NAME formats.xlsx.second_sheet
    ARGS describe ${fmt}/power300.xlsx --sheet Subset
    STDOUT "power300[.]xlsx: 50 rows, 6 numeric columns, 3 missing values" "[(]xlsx, sheet Subset[)]" "\nLOY3 ")
  csat_cli_test(NAME formats.xlsx.unknown_sheet EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/power300.xlsx --sheet Results
    STDERR "power300[.]xlsx: no sheet named \"Results\"; the workbook's sheets are \"Sheet1\", \"Subset\"")
  csat_cli_test(NAME formats.xlsx.empty_header EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/empty_header.xlsx --text segment
    STDERR "empty_header[.]xlsx:1:3: Sheet1!C1: the column name is empty")
  csat_cli_test(NAME formats.xlsx.text_cell EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/text_cell.xlsx --text segment
    STDERR "text_cell[.]xlsx:5:3: Sheet1!C5: column \"IMG2\": the text \"abc\" is not a number or a missing-value token")
  csat_cli_test(NAME formats.xlsx.text_column_undeclared EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/text_cell.xlsx
    STDERR "text_cell[.]xlsx:2:1: Sheet1!A2: column \"segment\": the text \"residential\"")
  csat_cli_test(NAME formats.xlsx.merged_header EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/merged_header.xlsx --text segment
    STDERR "merged_header[.]xlsx:1:2: Sheet1!B1:C1: merged header cells")
  csat_cli_test(NAME formats.xlsx.duplicate_header EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/duplicate_header.xlsx --text segment
    STDERR "duplicate_header[.]xlsx:1:4: Sheet1!D1: duplicate column name \"IMG1\" [(]also Sheet1!B1[)]")
  csat_cli_test(NAME formats.xlsx.not_a_zip EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/truncated.xlsx
    STDERR "truncated[.]xlsx: not an [.]xlsx workbook")
  csat_cli_test(NAME formats.xlsx.missing_file EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/no_such_workbook.xlsx
    STDERR "no_such_workbook[.]xlsx: cannot open the file")
else()
  csat_cli_test(NAME formats.xlsx.not_built EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/power300.xlsx --text segment
    STDERR "power300[.]xlsx: this csat was built without [.]xlsx input [(]it needs libzip-dev and libexpat1-dev[)]")
endif()

if(csat_formats_stat)
  csat_formats_same(sav sav "read as [^\n]*power300[.]sav [(]sav[)]; QUA2: user-missing 99 [(]4 cells[)]")
  csat_formats_same(zsav zsav "read as [^\n]*power300[.]zsav [(]zsav[)]; QUA2: user-missing 99 [(]4 cells[)]")
  csat_formats_same(dta dta "read as [^\n]*power300[.]dta [(]dta[)]; SAT2: Stata extended missing [.]a [(]3 cells[)]")
  csat_cli_test(NAME formats.sav.missing_code
    ARGS describe ${fmt}/power300.sav --missing-codes 10
    STDOUT ${csat_formats_code10})
  csat_cli_test(NAME formats.dta.missing_code
    ARGS describe ${fmt}/power300.dta --missing-codes 10
    STDOUT ${csat_formats_code10})
  # string variables are text columns without --text
  csat_cli_test(NAME formats.sav.string_is_text
    ARGS describe ${fmt}/power300.sav
    STDOUT "300 rows, 22 numeric columns, 1 text column, 167 missing values")
  csat_cli_test(NAME formats.sav.truncated EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/truncated.sav
    STDERR "truncated[.]sav: cannot read the SPSS file: ")
  csat_cli_test(NAME formats.dta.missing_file EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/no_such_file.dta
    STDERR "no_such_file[.]dta: cannot read the Stata file: ")
else()
  csat_cli_test(NAME formats.sav.not_built EXIT 3 ONE_LINE_STDERR
    ARGS describe ${fmt}/power300.sav
    STDERR "power300[.]sav: this csat was built without SPSS/Stata input [(]it needs libreadstat-dev[)]")
endif()
