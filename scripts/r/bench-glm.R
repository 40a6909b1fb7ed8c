# Times R survey's svyglm on the rows of issue 21's benchmark, written by src/cli/bench/glm.ts.
# Usage: Rscript scripts/r/bench-glm.R <glm.csv> <repetitions>
#   svyglm(y ~ stoerrelse + alder + erhvervshus, svydesign(ids = ~1, weights = ~w), family = quasibinomial()): the fit
#   and its linearised SEs (summary()), 10 parameters
# Prints one JSON object: the median seconds per call (system.time around the timed call only), coefficients and SEs.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
reps <- as.integer(args[2])
d <- read.csv(args[1])
for (v in c("stoerrelse", "alder", "erhvervshus")) d[[v]] <- factor(d[[v]])
des <- svydesign(ids = ~1, weights = ~w, data = d)
s <- NULL
times <- sapply(seq_len(reps), function(i) {
  gc()
  system.time(s <<- summary(svyglm(y ~ stoerrelse + alder + erhvervshus, design = des, family = quasibinomial())))[["elapsed"]]
})
cat(toJSON(list(
  n = nrow(d), reps = reps, r_glm_s = median(times), coef = unname(s$coefficients[, 1]), se = unname(s$coefficients[, 2]),
  survey_version = as.character(packageVersion("survey"))
), auto_unbox = TRUE, digits = NA), "\n")
