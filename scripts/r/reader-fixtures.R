# Writes the reader fixtures for test/readers.test.ts, test/mapping.test.ts and test/validate.test.ts:
# one small panel as the contract's CSV and "as delivered" by a supplier (own variable names and
# codes, SPSS value labels and user-missing values) in SPSS and Excel.
# Run from the repository root:  Rscript scripts/r/reader-fixtures.R
# Needs R with `haven` and `openxlsx` (Debian: r-cran-haven, r-cran-openxlsx) and `jsonlite`.
# The outputs are committed; tests never need R.
#
# Outputs (test/fixtures/readers/):
#   contract.csv               the first 60 respondents of data/survey/panel-2025-synthetic.csv, as they are
#   delivered.sav              the same respondents as delivered: renamed columns, supplier codes,
#                              Danish value labels, 99 = "Ved ikke" declared user-missing, a free-text
#                              column "kommentar"; byte-compressed
#   delivered-uncompressed.sav the same, uncompressed
#   delivered.zsav             the same, ZLIB-compressed
#   delivered.xlsx             the same cells on one sheet (no labels)
#   delivered-bad.sav          as delivered.sav, but row 3's Q7 is 98, a code outside the mapping
#   mapping.json               the mapping from the delivered files to the contract
#   report-contract.csv        the first 1,500 respondents (enough to rake), as they are
#   report-delivered.sav       the same 1,500 as delivered (names, codes and labels as delivered.sav)

suppressPackageStartupMessages({
  library(haven)
  library(openxlsx)
  library(jsonlite)
})

out_dir <- "test/fixtures/readers"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

full <- read.csv("data/survey/panel-2025-synthetic.csv", check.names = FALSE, na.strings = "")

# The supplier's names for seven contract columns (every other column keeps its contract name).
renamed <- c(
  id = "respid", branche = "BRANCHE_DB07", stoerrelse = "Q1", erhvervshus = "region",
  alder = "Q2", ai_brug = "Q7", digi_produktivitet = "Q6"
)

label_of <- function(x, labels, label, na_values = NULL) {
  if (is.null(na_values)) labelled(x, labels = labels, label = label)
  else labelled_spss(x, labels = labels, na_values = na_values, label = label)
}

# A panel as the supplier delivers it: `list(plain = <data frame>, sav = <labelled data frame>)`.
deliver <- function(panel) {
  delivered <- panel
  # Supplier codes: firm age as 11/12/13, "ved ikke" as 99, pot_salg "not asked" as -1.
  delivered$alder <- delivered$alder + 10
  delivered$digi_produktivitet[delivered$digi_produktivitet == 9] <- 99
  delivered$pot_salg[is.na(delivered$pot_salg)] <- -1
  names(delivered)[match(names(renamed), names(delivered))] <- unname(renamed)
  # a free-text column the contract does not have (kept as an extra text column)
  delivered$kommentar <- ifelse(seq_len(nrow(panel)) %% 3 == 0, "", paste0("Svar nr. ", panel$id, " – æøå"))

  sav <- delivered
  sav$respid <- as.numeric(sav$respid)
  sav$Q7 <- label_of(as.numeric(sav$Q7), c(
    "Bruger ikke AI, og det er ikke relevant" = 1,
    "Bruger ikke AI endnu, men det er relevant" = 2,
    "Har eksperimenteret med gængse værktøjer (fx ChatGPT, Copilot)" = 3,
    "Arbejder intensivt med AI og har systematisk implementeret det" = 4,
    "Har selv udviklet AI-produkter/-værktøjer, der bruges aktivt" = 5
  ), "Virksomhedens brug af kunstig intelligens de seneste seks måneder")
  sav$Q1 <- label_of(as.numeric(sav$Q1), c("Under 10 årsværk" = 1, "10-49 årsværk" = 2, "50-249 årsværk" = 3), "Antal årsværk")
  sav$Q2 <- label_of(as.numeric(sav$Q2), c("0-4 år" = 11, "5-9 år" = 12, "10 år og derover" = 13), "Virksomhedens alder")
  sav$region <- label_of(as.numeric(sav$region), c(
    "Hovedstaden" = 1, "Sjælland" = 2, "Fyn" = 3, "Sydjylland" = 4, "Midtjylland" = 5, "Nordjylland" = 6
  ), "Erhvervshusområde")
  sav$Q6 <- label_of(as.numeric(sav$Q6), c(
    "Meget positivt" = 1, "Positivt" = 2, "Hverken eller" = 3, "Negativt" = 4, "Meget negativt" = 5, "Ved ikke" = 99
  ), "Digitalisering og IT-udviklings bidrag til produktiviteten det seneste halve år", na_values = 99)
  sav$pot_salg <- label_of(as.numeric(sav$pot_salg), c(
    "Meget stort potentiale" = 1, "Stort potentiale" = 2, "Noget potentiale" = 3, "Lille potentiale" = 4,
    "Intet potentiale" = 5, "Ikke relevant" = 6, "Ikke stillet" = -1
  ), "Potentiale: Salg og markedsføring", na_values = -1)
  list(plain = delivered, sav = sav)
}

panel <- full[1:60, ]
write.csv(panel, file.path(out_dir, "contract.csv"), row.names = FALSE, na = "", quote = FALSE)
d <- deliver(panel)
delivered <- d$plain
sav <- d$sav
write_sav(sav, file.path(out_dir, "delivered.sav"), compress = "byte")
write_sav(sav, file.path(out_dir, "delivered-uncompressed.sav"), compress = "none")
write_sav(sav, file.path(out_dir, "delivered.zsav"), compress = "zsav")
bad <- sav
bad$Q7[3] <- 98
write_sav(bad, file.path(out_dir, "delivered-bad.sav"), compress = "byte")

wb <- createWorkbook()
addWorksheet(wb, "Panel")
writeData(wb, "Panel", delivered, keepNA = FALSE)
saveWorkbook(wb, file.path(out_dir, "delivered.xlsx"), overwrite = TRUE)

mapping <- list(
  columns = as.list(renamed),
  codes = list(
    alder = list("11" = 1, "12" = 2, "13" = 3),
    digi_produktivitet = list("99" = 9),
    pot_salg = list("-1" = NA)
  )
)
writeLines(toJSON(mapping, auto_unbox = TRUE, pretty = TRUE, na = "null"), file.path(out_dir, "mapping.json"))

big <- full[1:1500, ]
write.csv(big, file.path(out_dir, "report-contract.csv"), row.names = FALSE, na = "", quote = FALSE)
write_sav(deliver(big)$sav, file.path(out_dir, "report-delivered.sav"), compress = "byte")
