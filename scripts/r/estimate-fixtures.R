# R parity fixtures for the estimation engine (src/survey: distributions, estimators, contrast, raoscott,
# and src/report/multi.ts). Run from the repository root (then scripts/r/design-fixtures.R, which reads sim4.csv):
#
#   Rscript scripts/r/estimate-fixtures.R
#
# Writes (committed; `npm test` never needs R):
#   test/fixtures/api/apiclus1.csv, test/fixtures/api/apistrat.csv   R's data(api), write.csv(row.names = FALSE)
#   test/fixtures/estimate/distributions.json                       qnorm, pnorm, pt, qt, pbeta, qbeta, pf values
#   test/fixtures/estimate/apiclus1-cal.csv + apiclus1.json         calibrate(dclus1, raking) estimates
#   test/fixtures/estimate/sim4.csv + sim4.json                     raking on four variables (10, 3, 6, 3 levels)
#
# Every expected number is printed with 15 significant digits (jsonlite digits = NA).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "fail")

out_dir <- "test/fixtures/estimate"
api_dir <- "test/fixtures/api"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
dir.create(api_dir, recursive = TRUE, showWarnings = FALSE)

write_json_file <- function(x, path) {
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null"), path)
}

# ---------------------------------------------------------------------------------------------
# 1. Distributions
# ---------------------------------------------------------------------------------------------
ps <- c(1e-12, 1e-8, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.99, 0.999, 0.9999)
xs <- c(-30, -12, -8, -5, -3.5, -2, -1.2, -0.5, -1e-3, 0, 1e-3, 0.3, 1, 1.96, 2.5, 4, 7)
dfs <- c(1, 2, 3.5, 5, 10, 30, 182, 1000, 4127)
shapes <- list(c(0.5, 0.5), c(1, 1), c(2, 3), c(0.3, 7), c(15.2, 40.8), c(120.5, 3000.25), c(2000.5, 1500.3), c(0.5, 2063.5))
bx <- c(1e-6, 0.001, 0.02, 0.1, 0.3, 0.5, 0.6, 0.9, 0.999)
fs <- c(0.01, 0.5, 1, 2.5, 4, 10, 40)
fdfs <- list(c(1, 10), c(2, 181), c(3.7, 670.2), c(5.4, 22000.8), c(18, 18), c(0.9, 4000))

dist <- list(
  r = "base R stats: qnorm, pnorm, pt, qt, pbeta, qbeta, pf, pchisq",
  qnorm = lapply(ps, function(p) list(p = p, value = qnorm(p))),
  pnorm = lapply(xs, function(x) list(x = x, value = pnorm(x), upper = pnorm(x, lower.tail = FALSE))),
  pt = unlist(lapply(dfs, function(df) lapply(xs[abs(xs) <= 12], function(x) list(x = x, df = df, value = pt(x, df), upper = pt(x, df, lower.tail = FALSE)))), recursive = FALSE),
  qt = unlist(lapply(dfs, function(df) lapply(ps[ps >= 1e-4], function(p) list(p = p, df = df, value = qt(p, df)))), recursive = FALSE),
  pbeta = unlist(lapply(shapes, function(s) lapply(bx, function(x) list(x = x, a = s[1], b = s[2], value = pbeta(x, s[1], s[2]), upper = pbeta(x, s[1], s[2], lower.tail = FALSE)))), recursive = FALSE),
  qbeta = unlist(lapply(shapes, function(s) lapply(ps[ps >= 1e-4], function(p) list(p = p, a = s[1], b = s[2], value = qbeta(p, s[1], s[2])))), recursive = FALSE),
  pf = unlist(lapply(fdfs, function(d) lapply(fs, function(f) list(f = f, df1 = d[1], df2 = d[2], value = pf(f, d[1], d[2]), upper = pf(f, d[1], d[2], lower.tail = FALSE)))), recursive = FALSE),
  pchisq = unlist(lapply(c(1, 2, 3.3, 10, 45.5), function(df) lapply(c(0.01, 0.5, 1, 3.84, 10, 30, 80), function(x) list(x = x, df = df, value = pchisq(x, df), upper = pchisq(x, df, lower.tail = FALSE)))), recursive = FALSE)
)
write_json_file(dist, file.path(out_dir, "distributions.json"))

# ---------------------------------------------------------------------------------------------
# Helpers: one expected estimate
# ---------------------------------------------------------------------------------------------
# `stat` is svymean or svytotal: the estimate, SE, t interval on degf, both deffs and the weighted base.
est_stat <- function(stat, des, y, call) {
  m <- stat(y, des, deff = TRUE, na.rm = TRUE)
  mr <- stat(y, des, deff = "replace", na.rm = TRUE)
  ci <- confint(m, df = degf(des))
  list(
    r = call, estimate = unname(coef(m)[1]), se = unname(SE(m)[1]),
    ciLow = ci[1, 1], ciHigh = ci[1, 2], df = degf(des),
    deff = unname(deff(m)[1]), deffReplace = unname(deff(mr)[1]),
    weightedBase = sum(weights(des))
  )
}
est_mean <- function(des, y, call) est_stat(svymean, des, y, call)
est_total <- function(des, y, call) est_stat(svytotal, des, y, call)
est_prop <- function(des, y, call) {
  base <- est_mean(des, y, call)
  lg <- suppressWarnings(svyciprop(y, des, method = "logit"))  # glm warns about zero weights outside a domain
  bt <- svyciprop(y, des, method = "beta", na.rm = TRUE)
  base$logit <- as.numeric(attr(lg, "ci"))
  base$beta <- as.numeric(attr(bt, "ci"))
  base$logitEstimate <- as.numeric(lg)
  base
}
chisq_fixture <- function(des, formula, call) {
  t <- suppressWarnings(svychisq(formula, des))
  list(r = call, chisq = unname(suppressWarnings(svychisq(formula, des, statistic = "Chisq"))$statistic),
       f = unname(t$statistic), ndf = unname(t$parameter[1]), ddf = unname(t$parameter[2]), p = unname(t$p.value))
}
# survey 4.1.1's svyby(covmat = TRUE) fails on calibrated designs ("number of items to replace"):
# on a calibrated subset svymean returns an influence row for every row of the design, while svyby
# places it only at the domain's rows. Out-of-domain influence is 0, so this wrapper returns the
# domain rows only; the covariance is then svyrecvar on the stacked influence functions,
# residualised on the calibration, as intended. Cross-checked against svyglm(y ~ g).
svymean_indexed <- function(x, design, ...) {
  r <- svymean(x, design, ...)
  infl <- attr(r, "influence")
  if (!is.null(infl) && NROW(infl) == length(design$prob)) {
    inside <- is.finite(design$prob)
    stopifnot(all(infl[!inside, ] == 0))
    attr(r, "influence") <- infl[inside, , drop = FALSE]
  }
  r
}
svyglm_check <- function(des, yf, gf, g1, g2) {
  des <- update(des, .g = relevel(factor(eval(gf[[2]], des$variables)), ref = as.character(g2)))
  m <- svyglm(as.formula(paste(deparse(yf[[2]]), "~ .g")), des)
  nm <- paste0(".g", g1)
  list(r = "svyglm(y ~ relevel(factor(g), ref = g2), design): coefficient of g1", estimate = unname(coef(m)[nm]), se = unname(SE(m)[nm]))
}
contrast_fixture <- function(des, yf, gf, g1, g2, call) {
  b <- svyby(yf, gf, des, svymean_indexed, covmat = TRUE)
  names_b <- names(coef(b))
  w <- setNames(rep(0, length(names_b)), names_b)
  w[as.character(g1)] <- 1
  w[as.character(g2)] <- -1
  ctr <- svycontrast(b, w)
  # df: PSUs with nonzero weight in either group, minus 1 (degf of the two groups' subset)
  in_groups <- as.character(eval(gf[[2]], des$variables)) %in% as.character(c(g1, g2))
  df <- degf(des[in_groups, ])
  ci <- confint(ctr, df = df)
  list(r = paste0(call, "; confint(., df = degf(design[g %in% c(g1, g2), ]))"), estimate = unname(coef(ctr)[1]), se = unname(SE(ctr)[1]), ciLow = ci[1, 1], ciHigh = ci[1, 2], df = df,
       p1 = unname(coef(b)[as.character(g1)]), p2 = unname(coef(b)[as.character(g2)]),
       svyglmCheck = svyglm_check(des, yf, gf, g1, g2))
}

# ---------------------------------------------------------------------------------------------
# 2. apiclus1: one-stage cluster sample (id = ~dnum, fpc = ~fpc), raked on stype and sch.wide
# ---------------------------------------------------------------------------------------------
data(api)
write.csv(apiclus1, file.path(api_dir, "apiclus1.csv"), row.names = FALSE)
write.csv(apistrat, file.path(api_dir, "apistrat.csv"), row.names = FALSE)

dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
cal <- calibrate(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide), calfun = "raking")
rk <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide))
cal_call <- 'cal <- calibrate(svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc), list(~stype, ~sch.wide), list(pop.types, pop.schwide), calfun = "raking")'

api <- data.frame(
  dnum = apiclus1$dnum,
  pw = apiclus1$pw,
  fpc = apiclus1$fpc,
  stype = as.integer(factor(apiclus1$stype, levels = c("E", "H", "M"))),
  schwide = as.integer(factor(apiclus1$sch.wide, levels = c("No", "Yes"))),
  weight = weights(cal),
  api00 = apiclus1$api00,
  enroll = apiclus1$enroll,
  awards = as.integer(apiclus1$awards == "Yes"),
  comp_imp = as.integer(apiclus1$comp.imp == "Yes"),
  yr_rnd = as.integer(factor(apiclus1$yr.rnd, levels = c("No", "Yes"))),
  both = as.integer(factor(apiclus1$both, levels = c("No", "Yes"))),
  dom_E = as.integer(apiclus1$stype == "E"),
  dom_M = as.integer(apiclus1$stype == "M"),
  dom_big = as.integer(apiclus1$enroll > 500)
)
write.csv(api, file.path(out_dir, "apiclus1-cal.csv"), row.names = FALSE)
apiclus1$aw <- api$awards
apiclus1$ci01 <- api$comp_imp
cal <- update(cal, aw = api$awards, ci01 = api$comp_imp)
dclus1 <- update(dclus1, aw = api$awards, ci01 = api$comp_imp)

api_fixture <- list(
  data = "apiclus1-cal.csv",
  design = list(weight = "weight", baseWeight = "pw", calibration = c("stype", "schwide"), cluster = "dnum", populationUnits = 757),
  r = cal_call,
  rakeReference = list(
    r = "rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide)); svymean(~api00, .)",
    estimate = unname(coef(svymean(~api00, rk))), se = as.numeric(SE(svymean(~api00, rk)))
  ),
  cases = list(
    c(list(name = "mean api00", kind = "mean", y = "api00", domain = NULL), est_mean(cal, ~api00, "svymean(~api00, cal, deff = TRUE)")),
    c(list(name = "total enroll", kind = "total", y = "enroll", domain = NULL), est_total(cal, ~enroll, "svytotal(~enroll, cal, deff = TRUE)")),
    c(list(name = "mean api00 in stype E", kind = "mean", y = "api00", domain = "dom_E"), est_mean(subset(cal, stype == "E"), ~api00, 'svymean(~api00, subset(cal, stype == "E"), deff = TRUE)')),
    c(list(name = "mean api00 enroll > 500", kind = "mean", y = "api00", domain = "dom_big"), est_mean(subset(cal, enroll > 500), ~api00, "svymean(~api00, subset(cal, enroll > 500), deff = TRUE)")),
    c(list(name = "total enroll in stype M", kind = "total", y = "enroll", domain = "dom_M"), est_total(subset(cal, stype == "M"), ~enroll, 'svytotal(~enroll, subset(cal, stype == "M"), deff = TRUE)')),
    c(list(name = "proportion awards", kind = "proportion", y = "awards", domain = NULL), est_prop(cal, ~aw, "svyciprop(~aw, cal, method = 'logit' / 'beta'); svymean(~aw, cal, deff = TRUE)")),
    c(list(name = "proportion awards in stype M", kind = "proportion", y = "awards", domain = "dom_M"), est_prop(subset(cal, stype == "M"), ~aw, "svyciprop(~aw, subset(cal, stype == 'M'), method = 'logit' / 'beta')")),
    c(list(name = "proportion comp.imp enroll > 500", kind = "proportion", y = "comp_imp", domain = "dom_big"), est_prop(subset(cal, enroll > 500), ~ci01, "svyciprop(~ci01, subset(cal, enroll > 500), method = 'logit' / 'beta')")),
    c(list(name = "uncalibrated mean api00", kind = "mean", y = "api00", domain = NULL, uncalibrated = TRUE), est_mean(dclus1, ~api00, "svymean(~api00, dclus1, deff = TRUE)")),
    c(list(name = "uncalibrated proportion awards in stype E", kind = "proportion", y = "awards", domain = "dom_E", uncalibrated = TRUE), est_prop(subset(dclus1, stype == "E"), ~aw, "svyciprop(~aw, subset(dclus1, stype == 'E'))"))
  ),
  chisq = list(
    c(list(rowVar = "stype", colVar = "awards", domain = NULL), chisq_fixture(cal, ~stype + awards, "svychisq(~stype + awards, cal)")),
    c(list(rowVar = "yr_rnd", colVar = "both", domain = NULL), chisq_fixture(cal, ~yr.rnd + both, "svychisq(~yr.rnd + both, cal)")),
    c(list(rowVar = "stype", colVar = "comp_imp", domain = "dom_big"), chisq_fixture(subset(cal, enroll > 500), ~stype + comp.imp, "svychisq(~stype + comp.imp, subset(cal, enroll > 500))"))
  ),
  contrasts = list(
    c(list(y = "awards", group = "stype", g1 = 1, g2 = 3), contrast_fixture(cal, ~aw, ~stype, "E", "M", "svycontrast(svyby(~aw, ~stype, cal, svymean_indexed, covmat = TRUE), c(E = 1, H = 0, M = -1))"))
  )
)
write_json_file(api_fixture, file.path(out_dir, "apiclus1.json"))

# ---------------------------------------------------------------------------------------------
# 3. Simulated panel raked on four variables with 10, 3, 6, 3 levels (ids = ~1, base weights 1)
# ---------------------------------------------------------------------------------------------
set.seed(20251127)
n <- 3000
pop_branche <- c(25428, 19636, 35949, 67232, 19448, 15224, 30935, 59768, 28538, 26252)
pop_branche <- round(pop_branche / sum(pop_branche) * 177677)
pop_branche[4] <- pop_branche[4] + (177677 - sum(pop_branche))
pop_stoerrelse <- c(154138, 19594, 3945)
pop_erhvervshus <- round(c(31.5, 14.3, 7.7, 13.1, 22.7, 10.7) / 100 * 177677)
pop_erhvervshus[1] <- pop_erhvervshus[1] + (177677 - sum(pop_erhvervshus))
pop_alder <- round(c(18, 17, 65) / 100 * 177677)
pop_alder[3] <- pop_alder[3] + (177677 - sum(pop_alder))

sim <- data.frame(
  branche = sample(1:10, n, replace = TRUE, prob = pop_branche * runif(10, 0.6, 1.4)),
  stoerrelse = sample(1:3, n, replace = TRUE, prob = c(0.55, 0.3, 0.15)),
  erhvervshus = sample(1:6, n, replace = TRUE, prob = pop_erhvervshus * runif(6, 0.7, 1.3)),
  alder = sample(1:3, n, replace = TRUE, prob = c(0.12, 0.18, 0.7))
)
lin <- -1 + 0.5 * (sim$stoerrelse - 1) + 0.08 * sim$branche - 0.1 * sim$erhvervshus + 0.2 * (sim$alder == 3)
sim$uses <- rbinom(n, 1, plogis(lin))
sim$relevant <- pmax(sim$uses, rbinom(n, 1, 0.35))
sim$large <- ifelse(sim$relevant == 1, rbinom(n, 1, plogis(-0.4 + 0.3 * sim$stoerrelse)), NA)
sim$econ <- sample(1:3, n, replace = TRUE, prob = c(0.4, 0.4, 0.2))
sim$score <- round(rnorm(n, 50 + 5 * sim$stoerrelse + 3 * sim$uses, 12), 1)
# a multi-response question asked where relevant == 1: three items, one to three chosen
asked <- sim$relevant == 1
items <- matrix(NA_integer_, n, 3)
for (i in which(asked)) {
  k <- sample(1:3, 1, prob = c(0.5, 0.3, 0.2))
  pick <- sample(1:3, k, prob = c(0.5 + 0.1 * sim$stoerrelse[i], 0.3, 0.2))
  items[i, ] <- as.integer(1:3 %in% pick)
}
sim$item_a <- items[, 1]
sim$item_b <- items[, 2]
sim$item_c <- items[, 3]
sim$nchoices <- ifelse(asked, rowSums(items), NA)
sim$small <- as.integer(sim$stoerrelse == 1)
sim$relevant_small <- as.integer(sim$relevant == 1 & sim$small == 1)

pop_list <- list(
  data.frame(branche = 1:10, Freq = pop_branche),
  data.frame(stoerrelse = 1:3, Freq = pop_stoerrelse),
  data.frame(erhvervshus = 1:6, Freq = pop_erhvervshus),
  data.frame(alder = 1:3, Freq = pop_alder)
)
sim_f <- sim
for (v in c("branche", "stoerrelse", "erhvervshus", "alder")) sim_f[[v]] <- factor(sim_f[[v]])
pop_list_f <- lapply(pop_list, function(d) { d[[1]] <- factor(d[[1]]); d })
# Columns asked only of a base are empty (NA) outside it in the CSV. R's svyglm (svyciprop's logit
# method) cannot handle NA on a calibrated subset, so R computes on 0 there; outside the domain
# the value never enters a domain estimate (the TypeScript tests read the empty cells as null).
for (v in c("large", "item_a", "item_b", "item_c", "nchoices")) sim_f[[v]][is.na(sim_f[[v]])] <- 0
sim_f$base <- 177677 / n
d0 <- svydesign(ids = ~1, weights = ~base, data = sim_f)
cal4 <- calibrate(d0, list(~branche, ~stoerrelse, ~erhvervshus, ~alder), pop_list_f, calfun = "raking", epsilon = 1e-12, maxit = 200)
sim$weight <- weights(cal4)
write.csv(sim, file.path(out_dir, "sim4.csv"), row.names = FALSE, na = "")
sim4_call <- paste0(
  'cal4 <- calibrate(svydesign(ids = ~1, weights = ~base, data = sim), base = 177677 / n, list(~branche, ~stoerrelse, ~erhvervshus, ~alder), ',
  'list(pop.branche, pop.stoerrelse, pop.erhvervshus, pop.alder), calfun = "raking", epsilon = 1e-12, maxit = 200)'
)

rel <- subset(cal4, relevant == 1)
sim_fixture <- list(
  data = "sim4.csv",
  design = list(weight = "weight", baseWeight = NULL, calibration = c("branche", "stoerrelse", "erhvervshus", "alder"), cluster = NULL, populationUnits = NULL),
  r = sim4_call,
  margins = list(branche = pop_branche, stoerrelse = pop_stoerrelse, erhvervshus = pop_erhvervshus, alder = pop_alder),
  cases = list(
    c(list(name = "proportion uses", kind = "proportion", y = "uses", domain = NULL), est_prop(cal4, ~uses, "svyciprop(~uses, cal4); svymean(~uses, cal4, deff = TRUE)")),
    c(list(name = "proportion large in relevant", kind = "proportion", y = "large", domain = "relevant"), est_prop(rel, ~large, "svyciprop(~large, subset(cal4, relevant == 1), method = 'logit' / 'beta')")),
    c(list(name = "proportion uses in small", kind = "proportion", y = "uses", domain = "small"), est_prop(subset(cal4, small == 1), ~uses, "svyciprop(~uses, subset(cal4, small == 1))")),
    c(list(name = "mean score", kind = "mean", y = "score", domain = NULL), est_mean(cal4, ~score, "svymean(~score, cal4, deff = TRUE)")),
    c(list(name = "total uses", kind = "total", y = "uses", domain = NULL), est_total(cal4, ~uses, "svytotal(~uses, cal4, deff = TRUE)")),
    c(list(name = "total uses in relevant", kind = "total", y = "uses", domain = "relevant"), est_total(rel, ~uses, "svytotal(~uses, subset(cal4, relevant == 1), deff = TRUE)")),
    c(list(name = "mean nchoices in relevant", kind = "mean", y = "nchoices", domain = "relevant"), est_mean(rel, ~nchoices, "svymean(~nchoices, subset(cal4, relevant == 1), deff = TRUE)")),
    c(list(name = "item_a in relevant", kind = "proportion", y = "item_a", domain = "relevant"), est_prop(rel, ~item_a, "svyciprop(~item_a, subset(cal4, relevant == 1))")),
    c(list(name = "item_b in relevant", kind = "proportion", y = "item_b", domain = "relevant"), est_prop(rel, ~item_b, "svyciprop(~item_b, subset(cal4, relevant == 1))")),
    c(list(name = "item_c in relevant", kind = "proportion", y = "item_c", domain = "relevant"), est_prop(rel, ~item_c, "svyciprop(~item_c, subset(cal4, relevant == 1))")),
    c(list(name = "item_a in relevant and small", kind = "proportion", y = "item_a", domain = "relevant_small"), est_prop(subset(cal4, relevant == 1 & small == 1), ~item_a, "svyciprop(~item_a, subset(cal4, relevant == 1 & small == 1))"))
  ),
  chisq = list(
    c(list(rowVar = "uses", colVar = "stoerrelse", domain = NULL), chisq_fixture(cal4, ~uses + stoerrelse, "svychisq(~uses + stoerrelse, cal4)")),
    c(list(rowVar = "econ", colVar = "branche", domain = NULL), chisq_fixture(cal4, ~econ + branche, "svychisq(~econ + branche, cal4)")),
    c(list(rowVar = "large", colVar = "econ", domain = "relevant"), chisq_fixture(rel, ~large + econ, "svychisq(~large + econ, subset(cal4, relevant == 1))"))
  ),
  contrasts = list(
    c(list(y = "uses", group = "stoerrelse", g1 = 1, g2 = 2), contrast_fixture(cal4, ~uses, ~stoerrelse, 1, 2, "svycontrast(svyby(~uses, ~stoerrelse, cal4, svymean_indexed, covmat = TRUE), c(1, -1, 0))")),
    c(list(y = "uses", group = "econ", g1 = 1, g2 = 3), contrast_fixture(cal4, ~uses, ~econ, 1, 3, "svycontrast(svyby(~uses, ~econ, cal4, svymean_indexed, covmat = TRUE), c(1, 0, -1))"))
  )
)
write_json_file(sim_fixture, file.path(out_dir, "sim4.json"))
cat("fixtures written\n")

# ---------------------------------------------------------------------------------------------
# 4. The shipped synthetic panel, raked in R to data/population/margins.csv (end-to-end parity).
#    The fixture records the SHA-256 of both input files; the test fails when they changed
#    (rerun this script then).
# ---------------------------------------------------------------------------------------------
panel_path <- "data/survey/panel-2025-synthetic.csv"
margins_path <- "data/population/margins.csv"
if (file.exists(panel_path) && file.exists(margins_path)) {
  sha256 <- function(path) system2("sha256sum", path, stdout = TRUE)
  p <- read.csv(panel_path)
  m <- read.csv(margins_path)
  wvars <- c("branche", "stoerrelse", "erhvervshus", "alder")
  pf <- p
  for (v in wvars) pf[[v]] <- factor(pf[[v]])
  pops <- lapply(wvars, function(v) {
    d <- m[m$variable == v, c("level", "count")]
    names(d) <- c(v, "Freq")
    d[[v]] <- factor(d[[v]])
    d
  })
  areas <- c("salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik")
  bar_items <- c("viden", "kompetencer", "omkostninger", "tid", "data", "sikkerhed", "lovgivning", "kundekontakt", "medarbejdere", "andet")
  z <- function(x) ifelse(is.na(x), 0L, as.integer(x))
  pf$relevant <- as.integer(p$ai_brug %in% 2:5)
  pf$potential <- as.integer(pf$relevant == 1 & Reduce(`|`, lapply(areas, function(a) p[[paste0("pot_", a)]] %in% 1:2)))
  pf$barrier <- as.integer(pf$potential == 1 & Reduce(`|`, lapply(areas, function(a) Reduce(`|`, lapply(bar_items, function(b) z(p[[paste0("bar_", a, "_", b)]]) == 1)))))
  pf$uses <- as.integer(p$ai_brug %in% 3:5)
  pf$pot_salg_large <- z(p$pot_salg %in% 1:2)
  pf$raad <- z(p$tilbud_raadgivning_ai)
  pf$small <- as.integer(p$stoerrelse == 1)
  pf$base <- sum(pops[[1]]$Freq) / nrow(p)
  d0 <- svydesign(ids = ~1, weights = ~base, data = pf)
  calp <- calibrate(d0, lapply(wvars, function(v) as.formula(paste("~", v))), pops, calfun = "raking", epsilon = 1e-12, maxit = 500)
  panel_call <- 'calp <- calibrate(svydesign(ids = ~1, weights = ~base, data = panel), list(~branche, ~stoerrelse, ~erhvervshus, ~alder), margins, calfun = "raking", epsilon = 1e-12, maxit = 500)'
  prop_case <- function(name, ycol, dom, des, call) c(list(name = name, kind = "proportion", y = ycol, domain = dom), est_prop(des, as.formula(paste("~", ycol)), call))
  calp_rel <- subset(calp, relevant == 1)
  calp_pot <- subset(calp, potential == 1)
  calp_bar <- subset(calp, barrier == 1)
  bar_groups <- ifelse(pf$barrier == 1, ifelse(pf$small == 1, 1L, 2L), 3L)
  calp <- update(calp, bargroup = bar_groups)
  panel_fixture <- list(
    panel = panel_path, margins = margins_path,
    panelSha256 = sub(" .*", "", sha256(panel_path)), marginsSha256 = sub(" .*", "", sha256(margins_path)),
    r = panel_call,
    weights = unname(weights(calp)),
    baseCounts = list(relevant = sum(pf$relevant), potential = sum(pf$potential), barrier = sum(pf$barrier)),
    cases = list(
      prop_case("adoption.uses_ai", "uses", "all", calp, "svyciprop(~uses, calp)  # uses = ai_brug %in% 3:5"),
      prop_case("potential.salg", "pot_salg_large", "relevant", calp_rel, "svyciprop(~pot_salg_large, subset(calp, relevant == 1))"),
      prop_case("barriers.any", "barrier", "potential", calp_pot, "svyciprop(~barrier, subset(calp, potential == 1))"),
      prop_case("offers.raadgivning_ai", "raad", "barrier", calp_bar, "svyciprop(~raad, subset(calp, barrier == 1))")
    ),
    chisq = c(list(rowVar = "ai_brug", colVar = "stoerrelse", domain = NULL), chisq_fixture(calp, ~ai_brug + stoerrelse, "svychisq(~ai_brug + stoerrelse, calp)")),
    contrast = c(list(y = "raad", g1 = "barrier & stoerrelse == 1", g2 = "barrier & stoerrelse > 1"),
                 contrast_fixture(calp, ~raad, ~bargroup, 1, 2, "svycontrast(svyby(~raad, ~bargroup, calp, svymean_indexed, covmat = TRUE), c(1, -1, 0))"))
  )
  write_json_file(panel_fixture, file.path(out_dir, "panel.json"))
  cat("panel fixture written\n")
}
