# R reference fixtures for issue 21 item 2: svyglm, regTermTest and svypredmeans, as the examples of ?svyglm and
# ?regTermTest on R's api data, plus logistic and Poisson models with a factor on calibrated and replicate designs.
# Rerun from the repository root (needs r-cran-survey 4.1.1 and r-cran-jsonlite):
#
#   Rscript scripts/r/svyglm-fixtures.R
#
# Reads the api data as scripts/r/api-examples.R wrote them (test/fixtures/api-examples/data/*.csv) and adds the
# column `mobility` (absent there) from R's data(api), matched by snum; writes test/fixtures/svyglm/expected.json: one
# entry per call with its R code, the design (an id of test/fixtures/api-examples/expected.json's `designs`, or a
# calibration of one: `calibrate`) and R's numbers.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
if (packageVersion("survey") != "4.1.1") warning("these fixtures were written with survey 4.1.1; this is ", packageVersion("survey"))
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE, warn = 1)

data(api)
orig <- list(apistrat = apistrat, apiclus1 = apiclus1, apiclus2 = apiclus2)
csv <- function(name) {
  d <- read.csv(file.path("test/fixtures/api-examples/data", paste0(name, ".csv")), stringsAsFactors = TRUE)
  d$mobility <- orig[[name]]$mobility[match(d$snum, orig[[name]]$snum)]
  d
}
apiclus1 <- csv("apiclus1")
apiclus2 <- csv("apiclus2")
apistrat <- csv("apistrat")
mobility <- lapply(list(apistrat = apistrat, apiclus1 = apiclus1, apiclus2 = apiclus2), function(d) I(d$mobility))

designs <- list(
  dstrat = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc),
  dclus1 = svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc),
  dclus2 = svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
)
designs$rclus1_2 <- as.svrepdesign(designs$dclus1)
designs$jkstrat <- as.svrepdesign(designs$dstrat)
pop.totals <- c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018)
designs$dclus1g <- calibrate(designs$dclus1, ~stype, pop.totals)
designs$dclus1g3 <- calibrate(designs$dclus1, ~stype + api99, c(pop.totals, api99 = 3914069))
calibrations <- list(
  dclus1g = list(from = "dclus1", formula = "~stype", population = unname(pop.totals)),
  dclus1g3 = list(from = "dclus1", formula = "~stype + api99", population = c(unname(pop.totals), 3914069))
)

fixtures <- list()
add <- function(id, design_id, code, result) {
  fixtures[[length(fixtures) + 1]] <<- list(id = id, design_id = design_id, r = code, result = result)
}
glm_result <- function(m) {
  s <- summary(m)$coefficients
  list(names = rownames(s), coef = unname(s[, 1]), se = unname(s[, 2]), t = unname(s[, 3]), p = unname(s[, 4]),
       vcov = unname(as.matrix(vcov(m))), df_residual = m$df.residual, degf = degf(m$survey.design))
}
models <- list(
  gaussian = list(formula = "api00 ~ ell + meals + mobility", family = "gaussian"),
  logit = list(formula = "sch.wide ~ ell + meals + mobility", family = "quasibinomial"),
  factor_logit = list(formula = "sch.wide ~ stype + ell + meals", family = "quasibinomial"),
  poisson = list(formula = "api.stu ~ stype + meals", family = "quasipoisson"),
  interaction = list(formula = "api00 ~ stype * meals + ell", family = "gaussian")
)
fams <- list(gaussian = gaussian(), quasibinomial = quasibinomial(), quasipoisson = quasipoisson())
terms_of <- list(gaussian = list("ell", c("ell", "meals")), logit = list("ell", "mobility"),
                 factor_logit = list("stype"), poisson = list("stype"), interaction = list("stype", "stype:meals"))
fit <- function(d, k) svyglm(as.formula(models[[k]]$formula), design = designs[[d]], family = fams[[models[[k]]$family]])
for (d in c("dstrat", "dclus1", "dclus2", "rclus1_2", "jkstrat", "dclus1g", "dclus1g3")) for (k in names(models)) {
  m <- fit(d, k)
  code <- sprintf("svyglm(%s, design = %s, family = %s())", models[[k]]$formula, d, models[[k]]$family)
  add(paste0("svyglm-", d, "-", k), d, code, c(list(formula = models[[k]]$formula, family = models[[k]]$family), glm_result(m)))
  for (tt in terms_of[[k]]) {
    r <- regTermTest(m, as.formula(paste0("~", paste(tt, collapse = "+"))))
    add(paste0("regTermTest-", d, "-", k, "-", paste(tt, collapse = "+")), d,
        sprintf("regTermTest(%s, ~%s)", code, paste(tt, collapse = " + ")),
        list(formula = models[[k]]$formula, family = models[[k]]$family, terms = I(tt),
             Ftest = as.numeric(r$Ftest), df = r$df, ddf = r$ddf, p = as.numeric(r$p)))
  }
}
# subsets
for (d in c("dstrat", "dclus1")) {
  sub <- subset(designs[[d]], sch.wide == "Yes")
  m <- svyglm(api00 ~ ell + meals + mobility, design = sub)
  add(paste0("svyglm-", d, "-subset-gaussian"), d, "svyglm(api00 ~ ell + meals + mobility, subset(des, sch.wide == \"Yes\"))",
      c(list(formula = "api00 ~ ell + meals + mobility", family = "gaussian", subset = list(sch.wide = "Yes")), glm_result(m)))
}
# predictive margins (svypredmeans)
for (d in c("dstrat", "dclus1", "dclus1g3")) for (k in c("gaussian", "logit")) {
  m <- fit(d, k)
  pm <- svypredmeans(m, ~stype)
  add(paste0("svypredmeans-", d, "-", k), d, sprintf("svypredmeans(svyglm(%s, %s, family = %s()), ~stype)",
      models[[k]]$formula, d, models[[k]]$family),
      list(formula = models[[k]]$formula, family = models[[k]]$family, group = "stype", names = names(coef(pm)),
           estimate = unname(coef(pm)), se = unname(SE(pm)), vcov = unname(as.matrix(vcov(pm)))))
}
writeLines(toJSON(list(generated_by = "scripts/r/svyglm-fixtures.R", r = R.version.string,
                       survey = as.character(packageVersion("survey")), mobility = mobility,
                       calibrations = calibrations, fixtures = fixtures),
                  auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           "test/fixtures/svyglm/expected.json")
cat(length(fixtures), "fixtures\n")
