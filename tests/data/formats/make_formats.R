# Makes the SPSS and Stata test files (and the matching CSV) from the bundled survey:
# its first 300 data rows, the segment and the items of the power-industry CSI model (IMG1 ... LOY3).
#   cd tests/data/formats && Rscript make_formats.R   (needs R's haven: apt-get install -y r-cran-haven)
# power300.sav: value labels 1..10 on every item, a variable label on SAT1, user-missing code 99 declared on QUA2
#               and written in 4 of its cells; power300.dta: the extended missing value .a in 3 cells of SAT2.
# power300.zsav: the .sav compressed with zlib. truncated.sav: its first 2000 bytes (an error case).
# power300.csv holds the same values, with those 7 cells empty, so every format must give identical numbers.
suppressPackageStartupMessages(library(haven))

src <- file.path("..", "..", "..", "examples", "data", "power_survey.csv")
d <- read.csv(src, stringsAsFactors = FALSE, na.strings = "")
items <- names(d)[match("IMG1", names(d)):match("LOY3", names(d))]
d <- d[1:300, c("segment", items)]
for (v in items) d[[v]] <- as.numeric(d[[v]])

qua2_rows <- c(5, 17, 42, 230)  # user-missing 99 in the .sav
sat2_rows <- c(8, 100, 250)     # .a in the .dta

csv <- d
csv$QUA2[qua2_rows] <- NA
csv$SAT2[sat2_rows] <- NA
write.csv(csv, "power300.csv", row.names = FALSE, na = "", quote = FALSE, fileEncoding = "UTF-8")

scale <- setNames(as.numeric(1:10), c("1 very dissatisfied", as.character(2:9), "10 very satisfied"))

sav <- csv
for (v in items) {
  x <- sav[[v]]
  if (v == "QUA2") {
    x[qua2_rows] <- 99
    sav[[v]] <- labelled_spss(x, labels = scale, na_values = 99)
  } else {
    sav[[v]] <- labelled(x, labels = scale)
  }
}
attr(sav$SAT1, "label") <- "Overall satisfaction with the power supply"
write_sav(sav, "power300.sav")
write_sav(sav, "power300.zsav", compress = "zsav")  # the same, zlib-compressed

dta <- csv
dta$SAT2[sat2_rows] <- tagged_na("a")
# Stata stores the items as bytes (SAT2 stays double: .a is a double's missing value)
for (v in items) {
  if (v == "SAT2") dta[[v]] <- labelled(dta[[v]], labels = scale)
  else dta[[v]] <- labelled(as.integer(dta[[v]]), labels = setNames(1:10, names(scale)))
}
attr(dta$SAT1, "label") <- "Overall satisfaction with the power supply"
write_dta(dta, "power300.dta", version = 14)

# a damaged file for the error message: the first 2000 bytes of the .sav
bytes <- readBin("power300.sav", "raw", n = 2000)
writeBin(bytes, "truncated.sav")
