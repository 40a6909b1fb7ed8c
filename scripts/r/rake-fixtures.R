# Writes the R reference fixtures for test/rake.test.ts (raking, bounded calibration, trimming).
# Run from the repository root:  Rscript scripts/r/rake-fixtures.R
# Needs R with the `survey` and `jsonlite` packages. The outputs are committed; tests never need R.
#
# Outputs (test/fixtures/rake/ unless noted):
#   kalton.json            Kalton & Flores-Cervantes (2003) example: raking factors (table B) by
#                          rake() and calibrate(calfun = "raking"), bounded raking factors
#   api.json               survey's rake example on apiclus1: weights of rake(), calibrate raking,
#                          bounded calibrate raking
#   contract-sample.csv    seeded simulated sample with the contract's four weighting variables
#   contract-margins.csv   the contract's §5 margins, each variable scaled to sum 177,677
#   contract.json          weights of rake(), calibrate raking, bounded calibrate raking, trimWeights
#   ../api/apiclus1.csv    data(api)'s apiclus1 (written only if it does not exist yet)

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

out_dir <- "test/fixtures/rake"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
dir.create("test/fixtures/api", recursive = TRUE, showWarnings = FALSE)

write_fixture <- function(x, name) {
  x$generated_by <- "scripts/r/rake-fixtures.R"
  x$r_version <- R.version.string
  x$survey_version <- as.character(packageVersion("survey"))
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(out_dir, name))
}

# Tight control so that rake() runs to convergence (its default stops after at most 10 sweeps).
tight_rake <- list(maxit = 10000, epsilon = 1e-13)
tight_eps <- 1e-13

# -------------------------------------------------------------------------------------------
# (a) Kalton & Flores-Cervantes (2003): data as in survey's tests/kalton.R
# -------------------------------------------------------------------------------------------
ab <- expand.grid(a = factor(1:4), b = factor(1:3))
sample_n <- c(20, 50, 100, 30, 40, 140, 50, 100, 40, 310, 50, 70)
pop_n <- c(80, 60, 170, 55, 40, 150, 60, 165, 55, 340, 200, 125)
kaltonsample <- ab[rep(1:12, sample_n), ]
kaltonpop <- ab[rep(1:12, pop_n), ]
marginalpop <- colSums(model.matrix(~ a + b, kaltonpop))
dkalton <- svydesign(id = ~1, data = kaltonsample, weights = rep(1, nrow(kaltonsample)))
drake <- rake(dkalton, list(~a, ~b), list(xtabs(~a, kaltonpop), xtabs(~b, kaltonpop)), control = tight_rake)
dcalrake <- calibrate(dkalton, ~ a + b, marginalpop, calfun = "raking", epsilon = tight_eps, maxit = 1000)
kalton_bounds <- c(0.8, 2.3)
dbounded <- calibrate(dkalton, ~ a + b, marginalpop, calfun = "raking", bounds = kalton_bounds,
                      epsilon = tight_eps, maxit = 1000)
# grake's rescaling: all population totals > 20 x sample totals -> weights rescaled by the mean
# ratio first and the bounds apply after rescaling
scaled_bounds <- c(0.6, 2.5)
dscaled <- suppressWarnings(calibrate(dkalton, ~ a + b, marginalpop * 50, calfun = "raking", bounds = scaled_bounds,
                                      epsilon = tight_eps, maxit = 1000))
cell_factor <- function(design) {
  as.vector(svytable(~ a + b, design) / xtabs(~ a + b, kaltonsample))
}
write_fixture(list(
  source = "Kalton & Flores-Cervantes (2003), J. Official Statistics 19(2); data as in R survey's tests/kalton.R",
  cells = data.frame(a = as.integer(ab$a), b = as.integer(ab$b), sample = sample_n, population = pop_n),
  margin_a = as.vector(xtabs(~a, kaltonpop)),
  margin_b = as.vector(xtabs(~b, kaltonpop)),
  # table B as printed (2 decimals) by survey's tests/kalton.Rout.save, cells in the order of `cells`
  table_b_2dp = c(1.81, 1.08, 2.20, 1.83, 1.45, 0.87, 1.76, 1.47, 2.02, 1.21, 2.45, 2.04),
  rake_factor = cell_factor(drake),
  calibrate_raking_factor = cell_factor(dcalrake),
  bounds = kalton_bounds,
  bounded_raking_factor = cell_factor(dbounded),
  scaled_population_factor = 50,
  scaled_bounds = scaled_bounds,
  scaled_bounded_raking_factor = cell_factor(dscaled)
), "kalton.json")

# -------------------------------------------------------------------------------------------
# (b), (c) survey's rake example on apiclus1
# -------------------------------------------------------------------------------------------
data(api)
api_csv <- "test/fixtures/api/apiclus1.csv"
if (!file.exists(api_csv)) write.csv(apiclus1, api_csv, row.names = FALSE)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
api_rake <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide), control = tight_rake)
api_rake_default <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide))
ff <- ~ stype + sch.wide
poptotals <- colSums(model.matrix(ff, model.frame(ff, apipop)))
api_cal <- calibrate(dclus1, ff, poptotals, calfun = "raking", epsilon = tight_eps, maxit = 1000)
api_bounds <- c(0.85, 1.7)
api_bounded <- calibrate(dclus1, ff, poptotals, calfun = "raking", bounds = api_bounds, epsilon = tight_eps, maxit = 1000)
write_fixture(list(
  source = "R survey: example(rake) on data(api) apiclus1",
  data_file = api_csv,
  population = list(stype = pop.types, sch.wide = pop.schwide),
  base_weight = apiclus1$pw,
  rake_weight = unname(weights(api_rake)),
  rake_default_control_weight = unname(weights(api_rake_default)),
  calibrate_raking_weight = unname(weights(api_cal)),
  bounds = api_bounds,
  bounded_raking_weight = unname(weights(api_bounded))
), "api.json")

# -------------------------------------------------------------------------------------------
# (d), (e) the contract's four weighting variables on a seeded simulated sample
# -------------------------------------------------------------------------------------------
total <- 177677
branche_counts <- c(25428, 19636, 35949, 67232, 19448, 15224, 30935, 59768, 28538, 26252)
stoerrelse_counts <- c(154138, 19594, 3945)
erhvervshus_share <- c(31.5, 14.3, 7.7, 13.1, 22.7, 10.7)
alder_share <- c(18, 17, 65)
margins <- rbind(
  data.frame(variable = "branche", level = 1:10, count = branche_counts / sum(branche_counts) * total, source_status = "derived"),
  data.frame(variable = "stoerrelse", level = 1:3, count = stoerrelse_counts, source_status = "verbatim"),
  data.frame(variable = "erhvervshus", level = 1:6, count = erhvervshus_share / 100 * total, source_status = "estimate"),
  data.frame(variable = "alder", level = 1:3, count = alder_share / 100 * total, source_status = "estimate")
)
write.csv(margins, file.path(out_dir, "contract-margins.csv"), row.names = FALSE, quote = FALSE)

set.seed(20251127)
n <- 3000
stoerrelse <- sample(1:3, n, replace = TRUE, prob = c(0.55, 0.32, 0.13)) # larger firms over-represented
branche <- sapply(stoerrelse, function(s) sample(1:10, 1, prob = if (s == 1) branche_counts else rev(branche_counts)))
erhvervshus <- sample(1:6, n, replace = TRUE, prob = c(0.36, 0.12, 0.08, 0.12, 0.22, 0.10))
alder <- sapply(stoerrelse, function(s) sample(1:3, 1, prob = if (s == 1) c(0.2, 0.2, 0.6) else c(0.05, 0.1, 0.85)))
sim <- data.frame(id = 1:n, branche = branche, stoerrelse = stoerrelse, erhvervshus = erhvervshus, alder = alder)
write.csv(sim, file.path(out_dir, "contract-sample.csv"), row.names = FALSE, quote = FALSE)

to_factors <- function(d) {
  d$branche <- factor(d$branche, levels = 1:10)
  d$stoerrelse <- factor(d$stoerrelse, levels = 1:3)
  d$erhvervshus <- factor(d$erhvervshus, levels = 1:6)
  d$alder <- factor(d$alder, levels = 1:3)
  d
}
simf <- to_factors(sim)
margf <- function(v) data.frame(x = factor(margins$level[margins$variable == v]), Freq = margins$count[margins$variable == v])
pm <- lapply(c("branche", "stoerrelse", "erhvervshus", "alder"), function(v) { m <- margf(v); names(m)[1] <- v; m })
# Base weights N/n: with base weights 1 the population is ~59 times the sample and R's grake
# (Newton without a line search, starting at g = 1) diverges ("Calibration failed"); see
# r_note below. rake()'s result does not depend on a constant base weight.
base_weight <- total / n
dsim <- svydesign(ids = ~1, data = simf, weights = rep(base_weight, n))
sim_rake <- rake(dsim, list(~branche, ~stoerrelse, ~erhvervshus, ~alder), pm, control = tight_rake)
fc <- ~ branche + stoerrelse + erhvervshus + alder
pop_totals <- c(total, unlist(lapply(c("branche", "stoerrelse", "erhvervshus", "alder"),
                                     function(v) margins$count[margins$variable == v][-1])))
sim_cal <- calibrate(dsim, fc, pop_totals, calfun = "raking", epsilon = tight_eps, maxit = 1000)
# No bounded fixture here: with these data the unbounded g ranges 0.12-2.0 and R's grake fails
# ("Calibration failed") for every binding bounds tried (0.13-2.2, 0.15-1.8, 0.2-1.8, ...):
# cal.raking's dF tests u against bounds - 1 instead of log(bounds), so rows with g < ~0.4 get a
# zero derivative and Newton stalls. Bounded parity is tested on kalton.json and api.json.
w <- weights(sim_rake)
trim_upper <- unname(signif(quantile(w, 0.97), 6))
trim_lower <- unname(signif(quantile(w, 0.03), 6))
trimmed <- trimWeights(sim_rake, upper = trim_upper, lower = trim_lower)
trimmed_strict <- trimWeights(sim_rake, upper = trim_upper, lower = trim_lower, strict = TRUE)
write_fixture(list(
  source = "seeded simulated sample (contract-sample.csv) raked to the contract's §5 margins scaled to 177,677 (contract-margins.csv)",
  base_weight = base_weight,
  r_note = "calibrate(calfun = 'raking') from base weights 1 fails in R (grake diverges); base weights N/n used",
  rake_weight = unname(w),
  calibrate_raking_weight = unname(weights(sim_cal)),
  trim = list(upper = trim_upper, lower = trim_lower,
              weight = unname(weights(trimmed)), strict_weight = unname(weights(trimmed_strict)))
), "contract.json")

cat("fixtures written to", out_dir, "\n")
