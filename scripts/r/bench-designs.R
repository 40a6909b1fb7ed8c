# Times R survey on the two designs of issue 20's benchmark, on CSVs written by src/cli/bench/designs.ts.
# Usage: Rscript scripts/r/bench-designs.R <twostage.csv> <greg.csv> <greg-totals.csv> <repetitions>
#   twostage: svyciprop(~I(y == 1)) (R's proportion with its SE and logit interval, as the engine's svyciprop) on svydesign(ids = ~psu + ssu, strata = ~stratum, fpc = ~fpc1 + fpc2, nest = TRUE)
#   greg: calibrate(design, ~branche + stoerrelse + erhvervshus + alder, totals) (calfun linear), then svymean(~y): the
#     proportion with its SE (svyciprop's glm refuses the negative weights GREG gives some rows here)
# Prints one JSON object: median seconds per call (system.time around the timed calls only), estimates and SEs.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
reps <- as.integer(args[4])
time_it <- function(f, n) {
  median(sapply(seq_len(n), function(i) {
    gc()
    system.time(f())[["elapsed"]]
  }))
}
two <- read.csv(args[1])
d2 <- svydesign(ids = ~psu + ssu, strata = ~stratum, fpc = ~fpc1 + fpc2, nest = TRUE, data = two)
m2 <- NULL
t_two <- time_it(function() m2 <<- svyciprop(~I(y == 1), d2), 1)
greg <- read.csv(args[2])
for (v in c("branche", "stoerrelse", "erhvervshus", "alder")) greg[[v]] <- factor(greg[[v]])
totals <- read.csv(args[3])$total
names(totals) <- colnames(model.matrix(~branche + stoerrelse + erhvervshus + alder, greg[1:100, ]))
dg <- svydesign(ids = ~1, weights = ~d, data = greg)
mg <- NULL
t_greg <- time_it(function() {
  g <- calibrate(dg, ~branche + stoerrelse + erhvervshus + alder, totals)
  mg <<- svymean(~y, g)
}, reps)
cat(toJSON(list(
  n_twostage = nrow(two), n_greg = nrow(greg), reps = reps,
  r_twostage_s = t_two, r_twostage_estimate = coef(m2)[[1]], r_twostage_se = SE(m2)[[1]],
  r_greg_s = t_greg, r_greg_estimate = coef(mg)[[1]], r_greg_se = SE(mg)[[1]],
  survey_version = as.character(packageVersion("survey"))
), auto_unbox = TRUE, digits = NA), "\n")
