# Times R survey's rake(), calibrate(calfun = "raking"), svymean and svychisq on a CSV written by
# src/cli/bench.ts.
# Usage: Rscript scripts/r/bench.R <data.csv> <margins.csv> <repetitions> [all | chisq]
#   all (default): rake() with default and tight control, calibrate(), svymean(~y) on the rake() design
#   chisq: svychisq(~ai + stoerrelse) on the calibrate() design only
# Prints one JSON object: median seconds per call (system.time around the call only).
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
margins <- read.csv(args[2])
reps <- as.integer(args[3])
mode <- if (length(args) >= 4) args[4] else "all"
vars <- c("branche", "stoerrelse", "erhvervshus", "alder")
for (v in vars) data[[v]] <- factor(data[[v]], levels = sort(unique(margins$level[margins$variable == v])))
total <- sum(margins$count[margins$variable == vars[1]])
data$d <- total / nrow(data) # base weights N/n (calibrate's Newton diverges from base weights 1)
design <- svydesign(ids = ~1, weights = ~d, data = data)
pop_margins <- lapply(vars, function(v) {
  m <- data.frame(factor(margins$level[margins$variable == v]), margins$count[margins$variable == v])
  names(m) <- c(v, "Freq")
  m
})
pop_totals <- c(total, unlist(lapply(vars, function(v) margins$count[margins$variable == v][-1])))
time_it <- function(f) {
  times <- sapply(seq_len(reps), function(i) {
    gc()
    system.time(f())[["elapsed"]]
  })
  median(times)
}
if (mode == "chisq") {
  cal <- calibrate(design, ~ branche + stoerrelse + erhvervshus + alder, pop_totals, calfun = "raking", epsilon = 1e-10, maxit = 100)
  t_chisq <- time_it(function() svychisq(~ai + stoerrelse, cal))
  cat(toJSON(list(n = nrow(data), reps = reps, r_svychisq_s = t_chisq, survey_version = as.character(packageVersion("survey"))),
             auto_unbox = TRUE, digits = NA), "\n")
  quit(save = "no")
}
# default control (maxit 10, epsilon 1: stops when no cell of the joint table moves by 1 firm)
r_default <- NULL
t_rake_default <- time_it(function() r_default <<- rake(design, lapply(vars, function(v) as.formula(paste0("~", v))), pop_margins))
# to 1e-10 of the total weight, comparable with the TypeScript tolerance
t_rake_tight <- time_it(function() rake(design, lapply(vars, function(v) as.formula(paste0("~", v))), pop_margins,
                                         control = list(maxit = 1000, epsilon = 1e-10)))
t_cal <- time_it(function() calibrate(design, ~ branche + stoerrelse + erhvervshus + alder, pop_totals,
                                      calfun = "raking", epsilon = 1e-10, maxit = 100))
r_default_w <- weights(r_default)
t_mean <- time_it(function() svymean(~y, r_default))
cat(toJSON(list(
  n = nrow(data),
  reps = reps,
  r_rake_default_s = t_rake_default,
  r_rake_tight_s = t_rake_tight,
  r_calibrate_s = t_cal,
  r_svymean_s = t_mean,
  survey_version = as.character(packageVersion("survey"))
), auto_unbox = TRUE, digits = NA), "\n")
