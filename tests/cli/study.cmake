# csat study: the flagship runs on the bundled data; broken study files give one located line and exit 3.
csat_cli_test(NAME study.power ARGS study @SRC@/examples/power_study/study.toml --out study-power EXIT 0
              STDOUT "Satisfaction" "Report: study-power/report.md" STDERR_NOT "warning")
csat_cli_test(NAME study.help ARGS study --help EXIT 0 STDOUT "STUDY")
csat_cli_test(NAME study.bad_toml ARGS study @SRC@/tests/data/study_bad_toml.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_bad_toml.toml:2:[0-9]+: invalid TOML")
csat_cli_test(NAME study.missing_data_file ARGS study @SRC@/tests/data/study_missing_data.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_missing_data.toml:3:[0-9]+: key \"data.file\": data file .*no_such_file.csv.* does not exist")
csat_cli_test(NAME study.unknown_key ARGS study @SRC@/tests/data/study_unknown_key.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_unknown_key.toml:9:[0-9]+: key \"bootstrap.resample\": unknown key")
csat_cli_test(NAME study.unknown_construct ARGS study @SRC@/tests/data/study_unknown_construct.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_unknown_construct.toml:10:[0-9]+: .*Satisfaction")
csat_cli_test(NAME study.unknown_indicator ARGS study @SRC@/tests/data/study_unknown_indicator.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_unknown_indicator.toml:8:[0-9]+: .*IMG9")
csat_cli_test(NAME study.inconsistent_hierarchy ARGS study @SRC@/tests/data/study_inconsistent_ahp.toml --out study-inconsistent EXIT 3 ONE_LINE_STDERR
              STDERR "study_inconsistent_ahp.toml:17:[0-9]+: key \"ahp.node\": .*\"G\".*CR")
csat_cli_test(NAME study.bad_matrix ARGS study @SRC@/tests/data/study_bad_matrix.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_bad_matrix.toml:17:[0-9]+: key \"ahp.node.matrix\": \"x/2\" is not a judgment")
csat_cli_test(NAME study.wrong_type ARGS study @SRC@/tests/data/study_wrong_type.toml EXIT 3 ONE_LINE_STDERR
              STDERR "study_wrong_type.toml:2:[0-9]+: key \"data.file\": must be a string")
csat_cli_test(NAME study.off_scale ARGS study @SRC@/tests/data/study_off_scale.toml EXIT 3 ONE_LINE_STDERR
              STDERR "power_survey[.]csv:2: column \"IMG1\" = 10, but must lie in the scale range [[]1, 5[]]")
