# R parity fixtures for the design object and its verbs (src/survey/design.ts, src/survey/svy.ts):
# svyciprop/svymean/svytotal on a calibrated design and on subset() domains, svyby (one estimate and
# a multi-response item set per group), svycontrast of two groups, svychisq, update(), trimWeights()
# of a calibrated design (whose SEs keep the calibration's residual basis) and weight summaries.
# Run from the repository root after scripts/r/estimate-fixtures.R (it reads the data that wrote):
#
#   Rscript scripts/r/design-fixtures.R
#
# Writes test/fixtures/estimate/design.json (committed; `npm test` never needs R). Every expected
# number is printed with 15 significant digits (jsonlite digits = NA).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "fail")
out_dir <- "test/fixtures/estimate"
write_json_file <- function(x, path) {
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null"), path)
}

# ---------------------------------------------------------------------------------------------
# Expected values of one estimate: value, SE, df, CI (logit and beta for shares), deff, base
# ---------------------------------------------------------------------------------------------
estimate <- function(call, des, f, kind) {
  stat <- if (kind == "total") svytotal else svymean
  m <- stat(f, des, deff = TRUE, na.rm = TRUE)
  out <- list(r = call, value = unname(coef(m)[1]), se = unname(SE(m)[1]), df = degf(des),
              deff = unname(deff(m)[1]), weightedBase = sum(weights(des)))
  if (kind == "share") {
    lg <- suppressWarnings(svyciprop(f, des, method = "logit"))
    bt <- svyciprop(f, des, method = "beta", na.rm = TRUE)
    out$logit <- as.numeric(attr(lg, "ci"))
    out$beta <- as.numeric(attr(bt, "ci"))
  } else {
    ci <- confint(m, df = degf(des))
    out$wald <- c(ci[1, 1], ci[1, 2])
  }
  out
}
chisq <- function(call, des, f) {
  t <- suppressWarnings(svychisq(f, des))
  list(r = call, chisq = unname(suppressWarnings(svychisq(f, des, statistic = "Chisq"))$statistic),
       f = unname(t$statistic), ndf = unname(t$parameter[1]), ddf = unname(t$parameter[2]), p = unname(t$p.value))
}
weight_summary <- function(w) {
  list(n = length(w), sum = sum(w), min = min(w), median = median(w), max = max(w),
       deff = length(w) * sum(w^2) / sum(w)^2, effectiveN = sum(w)^2 / sum(w^2))
}
# svyby(covmat = TRUE) on a calibrated subset needs the influence at the domain's rows only (see
# estimate-fixtures.R); out-of-domain influence is 0.
svymean_indexed <- function(x, design, ...) {
  r <- svymean(x, design, ...)
  infl <- attr(r, "influence")
  if (!is.null(infl) && NROW(infl) == length(design$prob)) {
    inside <- is.finite(design$prob)
    attr(r, "influence") <- infl[inside, , drop = FALSE]
  }
  r
}

# ---------------------------------------------------------------------------------------------
# The simulated panel of estimate-fixtures.R, raked on four variables (base weights N/n)
# ---------------------------------------------------------------------------------------------
sim <- read.csv(file.path(out_dir, "sim4.csv"))
sim_fixture <- fromJSON(file.path(out_dir, "sim4.json"))
pops <- sim_fixture$margins
n <- nrow(sim)
vars <- c("branche", "stoerrelse", "erhvervshus", "alder")
simf <- sim
for (v in vars) simf[[v]] <- factor(simf[[v]])
for (v in c("large", "item_a", "item_b", "item_c", "nchoices")) simf[[v]][is.na(simf[[v]])] <- 0
simf$base <- 177677 / n
pop_list <- lapply(vars, function(v) {
  d <- data.frame(factor(seq_along(pops[[v]])), pops[[v]])
  names(d) <- c(v, "Freq")
  d
})
d0 <- svydesign(ids = ~1, weights = ~base, data = simf)
des <- calibrate(d0, lapply(vars, function(v) as.formula(paste("~", v))), pop_list, calfun = "raking", epsilon = 1e-12, maxit = 200)
rel <- subset(des, relevant == 1)
upper <- unname(quantile(weights(des), 0.9))
trimmed <- trimWeights(des, upper = upper)
trimmed_strict <- trimWeights(des, upper = upper, strict = TRUE)
des_upd <- update(des, high = as.integer(score > 60))
# the two groups of the difference as levels 1 and 2 of one variable (3 outside the domain), as
# svyby(covmat = TRUE) on the whole design needs
grp <- ifelse(sim$relevant == 1, ifelse(sim$stoerrelse == 1, 1L, 2L), 3L)
des_grp <- update(des, grp = grp)

by_share <- svyby(~large, ~stoerrelse, rel, svyciprop, vartype = c("se", "ci"), method = "logit")
by_items <- svyby(~item_a + item_b + item_c, ~stoerrelse, rel, svymean)
by_two <- svyby(~uses, ~small + econ, des, svytotal)
ctr_by <- svyby(~large, ~grp, des_grp, svymean_indexed, covmat = TRUE)
ctr <- svycontrast(ctr_by, c(1, -1, 0))
ctr_df <- degf(rel)

sim_design <- list(
  r = 'des <- calibrate(svydesign(ids = ~1, weights = ~base, data = sim), list(~branche, ~stoerrelse, ~erhvervshus, ~alder), pops, calfun = "raking", epsilon = 1e-12, maxit = 200)',
  data = "sim4.csv",
  baseWeight = 177677 / n,
  margins = pops,
  trimUpper = upper,
  estimates = list(
    share_all = estimate("svyciprop(~uses, des)", des, ~uses, "share"),
    mean_all = estimate("svymean(~score, des)", des, ~score, "mean"),
    total_count = estimate("svytotal(~uses, des)", des, ~uses, "total"),
    total_sum = estimate("svytotal(~score, des)", des, ~score, "total"),
    share_domain = estimate("svyciprop(~large, subset(des, relevant == 1))", rel, ~large, "share"),
    mean_domain = estimate("svymean(~nchoices, subset(des, relevant == 1))", rel, ~nchoices, "mean"),
    total_domain = estimate("svytotal(~uses, subset(des, relevant == 1))", rel, ~uses, "total"),
    share_nested_domain = estimate("svyciprop(~item_a, subset(subset(des, relevant == 1), small == 1))", subset(rel, small == 1), ~item_a, "share"),
    share_updated = estimate("svyciprop(~high, update(des, high = as.integer(score > 60)))", des_upd, ~high, "share"),
    trimmed_share = estimate("svyciprop(~uses, trimWeights(des, upper))", trimmed, ~uses, "share"),
    trimmed_mean = estimate("svymean(~score, trimWeights(des, upper))", trimmed, ~score, "mean"),
    trimmed_total = estimate("svytotal(~uses, trimWeights(des, upper))", trimmed, ~uses, "total"),
    trimmed_share_domain = estimate("svyciprop(~large, subset(trimWeights(des, upper), relevant == 1))", subset(trimmed, relevant == 1), ~large, "share"),
    trimmed_strict_mean = estimate("svymean(~score, trimWeights(des, upper, strict = TRUE))", trimmed_strict, ~score, "mean")
  ),
  trimmedWeights = unname(weights(trimmed)),
  trimmedStrictWeights = unname(weights(trimmed_strict)),
  byShare = list(
    r = 'svyby(~large, ~stoerrelse, subset(des, relevant == 1), svyciprop, vartype = c("se", "ci"), method = "logit")',
    key = by_share$stoerrelse, value = unname(coef(by_share)), se = unname(SE(by_share)),
    ciLow = unname(by_share$ci_l), ciHigh = unname(by_share$ci_u)  # svyciprop's logit intervals (confint(by_share) would be Wald)
  ),
  byItems = list(
    r = "svyby(~item_a + item_b + item_c, ~stoerrelse, subset(des, relevant == 1), svymean)",
    key = by_items$stoerrelse, items = c("item_a", "item_b", "item_c"),
    value = unname(as.matrix(by_items[, c("item_a", "item_b", "item_c")])),
    se = unname(as.matrix(by_items[, c("se.item_a", "se.item_b", "se.item_c")]))
  ),
  byTwo = list(
    r = "svyby(~uses, ~small + econ, des, svytotal)",
    small = by_two$small, econ = by_two$econ, value = unname(coef(by_two)), se = unname(SE(by_two))
  ),
  difference = list(
    r = "svycontrast(svyby(~large, ~grp, des, svymean_indexed, covmat = TRUE), c(1, -1, 0)); grp = 1 (relevant, stoerrelse 1), 2 (relevant, stoerrelse 2-3), 3 (not relevant)",
    value = unname(coef(ctr)[1]), se = unname(SE(ctr)[1]), df = ctr_df,
    ciLow = unname(confint(ctr, df = ctr_df)[1, 1]), ciHigh = unname(confint(ctr, df = ctr_df)[1, 2]),
    first = unname(coef(ctr_by)[1]), second = unname(coef(ctr_by)[2])
  ),
  chisq = list(
    all = chisq("svychisq(~uses + stoerrelse, des)", des, ~uses + stoerrelse),
    domain = chisq("svychisq(~large + econ, subset(des, relevant == 1))", rel, ~large + econ),
    trimmed = chisq("svychisq(~uses + econ, trimWeights(des, upper))", trimmed, ~uses + econ)
  ),
  weightSummary = list(
    all = weight_summary(weights(des)),
    domain = weight_summary(weights(des)[sim$relevant == 1]),
    trimmed = weight_summary(weights(trimmed))
  )
)

# ---------------------------------------------------------------------------------------------
# apiclus1: a one-stage cluster sample with fpc, raked on stype and sch.wide, then trimmed
# ---------------------------------------------------------------------------------------------
data(api)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
cal <- calibrate(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide), calfun = "raking")
cal <- update(cal, aw = as.integer(awards == "Yes"))
api_upper <- 45
cal_trim <- trimWeights(cal, upper = api_upper)
api_design <- list(
  r = 'cal <- calibrate(svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc), list(~stype, ~sch.wide), list(pop.types, pop.schwide), calfun = "raking"); trimWeights(cal, upper = 45)',
  data = "apiclus1-cal.csv",
  trimUpper = api_upper,
  trimmedWeights = unname(weights(cal_trim)),
  estimates = list(
    trimmed_mean = estimate("svymean(~api00, trimWeights(cal, upper = 45))", cal_trim, ~api00, "mean"),
    trimmed_share = estimate("svyciprop(~aw, trimWeights(cal, upper = 45))", cal_trim, ~aw, "share"),
    trimmed_mean_domain = estimate('svymean(~api00, subset(trimWeights(cal, upper = 45), stype == "E"))', subset(cal_trim, stype == "E"), ~api00, "mean")
  )
)

write_json_file(list(sim = sim_design, api = api_design, survey = as.character(packageVersion("survey"))), file.path(out_dir, "design.json"))
cat("design fixture written\n")
