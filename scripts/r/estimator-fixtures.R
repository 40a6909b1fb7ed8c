# R reference fixtures for issue 21 item 1: svyratio, svyvar, svycontrast, svyttest and svyquantile, as the examples
# of their help pages (?svyratio, ?svyvar, ?svycontrast, ?svyttest, ?svyquantile) on R's api data, beside those of
# scripts/r/api-examples.R. Rerun from the repository root (needs r-cran-survey 4.1.1 and r-cran-jsonlite):
#
#   Rscript scripts/r/estimator-fixtures.R
#
# Reads the api data as scripts/r/api-examples.R wrote them (test/fixtures/api-examples/data/*.csv, so the doubles
# are those the tests read) and writes test/fixtures/estimators/expected.json: one entry per call with its R code,
# the design (an id of test/fixtures/api-examples/expected.json's `designs`) and R's numbers. NA is null.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
if (packageVersion("survey") != "4.1.1") warning("these fixtures were written with survey 4.1.1; this is ", packageVersion("survey"))
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE, warn = 1)

csv <- function(name) read.csv(file.path("test/fixtures/api-examples/data", paste0(name, ".csv")), stringsAsFactors = TRUE)
apiclus1 <- csv("apiclus1")
apistrat <- csv("apistrat")
designs <- list(
  dclus1 = svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc),
  dstrat = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
)
designs$rclus1_2 <- as.svrepdesign(designs$dclus1)
designs$jkstrat <- as.svrepdesign(designs$dstrat)

fixtures <- list()
add <- function(id, design_id, code, result) {
  fixtures[[length(fixtures) + 1]] <<- list(id = id, design_id = design_id, r = code, result = result)
}
# an svystat-like result: coef, SE, vcov, degf, confint(df = degf)
stat <- function(x, design) {
  df <- degf(design)
  list(names = names(coef(x)), estimate = unname(coef(x)), se = unname(SE(x)), vcov = unname(as.matrix(vcov(x))),
       degf = df, ci_t = unname(confint(x, df = df)))
}
each <- function(ids, f) for (d in ids) f(d, designs[[d]])
# ?svyratio
each(c("dclus1", "dstrat", "rclus1_2", "jkstrat"), function(d, des) {
  add(paste0("svyratio-", d), d, "svyratio(~api.stu, ~enroll, des)", stat(svyratio(~api.stu, ~enroll, des), des))
  sub <- subset(des, stype == "E")
  add(paste0("svyratio-", d, "-E"), d, "svyratio(~api.stu, ~enroll, subset(des, stype == \"E\"))",
      stat(svyratio(~api.stu, ~enroll, sub), sub))
})
# ?svyvar
each(c("dclus1", "dstrat", "rclus1_2", "jkstrat"), function(d, des) {
  add(paste0("svyvar-", d, "-api00"), d, "svyvar(~api00, des)", stat(svyvar(~api00, des), des))
  v <- svyvar(~api00 + api99, des)
  add(paste0("svyvar-", d, "-api00-api99"), d, "svyvar(~api00 + api99, des)",
      list(matrix = unname(as.matrix(v)), vcov = unname(as.matrix(vcov(v)))))
  sub <- subset(des, stype == "E")
  add(paste0("svyvar-", d, "-E"), d, "svyvar(~api00, subset(des, stype == \"E\"))", stat(svyvar(~api00, sub), sub))
})
# ?svycontrast
each(c("dclus1", "rclus1_2"), function(d, des) {
  m <- svymean(~api00 + api99, des)
  add(paste0("svycontrast-", d, "-diff"), d, "svycontrast(svymean(~api00 + api99, des), c(api00 = 1, api99 = -1))",
      stat(svycontrast(m, c(api00 = 1, api99 = -1)), des))
  add(paste0("svycontrast-", d, "-two"), d,
      "svycontrast(svymean(~api00 + api99, des), list(avg = c(0.5, 0.5), diff = c(1, -1)))",
      stat(svycontrast(m, list(avg = c(0.5, 0.5), diff = c(1, -1))), des))
  add(paste0("svycontrast-", d, "-ratio"), d, "svycontrast(svymean(~api00 + api99, des), quote(api00 / api99))",
      stat(svycontrast(m, quote(api00 / api99)), des))
  by <- svyby(~api00, ~stype, des, svymean, covmat = TRUE)
  add(paste0("svycontrast-", d, "-by-nonlinear"), d,
      "svycontrast(svyby(~api00, ~stype, des, svymean, covmat = TRUE), quote(log(E) - sqrt(H) + M^2 / 1000 - exp(E / H)))",
      stat(svycontrast(by, quote(log(E) - sqrt(H) + M^2 / 1000 - exp(E / H))), des))
})
# ?svyttest
each(c("dclus1", "dstrat", "rclus1_2", "jkstrat"), function(d, des) {
  tests <- list(two = "svyttest(enroll ~ comp.imp, des)", one = "svyttest(I(api00 - api99) ~ 0, des)",
                sch = "svyttest(api00 ~ sch.wide, subset(des, stype != \"H\"))")
  for (k in names(tests)) {
    t <- eval(parse(text = tests[[k]]), list(des = des))
    add(paste0("svyttest-", d, "-", k), d, tests[[k]],
        list(statistic = unname(t$statistic), df = unname(t$parameter), estimate = unname(t$estimate),
             p = unname(t$p.value), ci = unname(as.vector(t$conf.int))))
  }
})
# ?svyquantile (R 4.x: qrule = "math", interval.type = "mean" by default)
each(c("dclus1", "dstrat", "rclus1_2", "jkstrat"), function(d, des) {
  types <- if (inherits(des, "svyrep.design")) c("mean", "quantile") else c("mean", "beta", "score")
  for (type in types) {
    code <- sprintf("svyquantile(~api00 + enroll, des, c(0.1, 0.25, 0.5, 0.9), interval.type = \"%s\")", type)
    q <- eval(parse(text = code), list(des = des))
    add(paste0("svyquantile-", d, "-", type), d, code,
        lapply(q, function(x) list(quantile = unname(x[, 1]), ci_low = unname(x[, 2]), ci_high = unname(x[, 3]),
                                   se = unname(x[, 4]))))
  }
  for (rule in c("school", "hf6")) {
    code <- sprintf("svyquantile(~api00, des, c(0.25, 0.5), qrule = \"%s\")", rule)
    q <- eval(parse(text = code), list(des = des))
    add(paste0("svyquantile-", d, "-", rule), d, code,
        lapply(q, function(x) list(quantile = unname(x[, 1]), ci_low = unname(x[, 2]), ci_high = unname(x[, 3]),
                                   se = unname(x[, 4]))))
  }
})

# numbers as the shortest of %.15g, %.16g, %.17g that reads back as the same double (jsonlite stops at 15 digits)
shortest <- function(v) {
  if (is.na(v)) return("null")
  for (d in 15:17) {
    s <- sprintf(paste0("%.", d, "g"), v)
    if (as.numeric(s) == v) return(s)
  }
  s
}
exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (!is.numeric(x)) return(x)
  row <- function(v) if (length(v) == 1) shortest(v) else paste0("[", paste(vapply(v, shortest, ""), collapse = ","), "]")
  text <- if (is.matrix(x)) paste0("[", paste(apply(x, 1, function(r) paste0("[", paste(vapply(r, shortest, ""), collapse = ","), "]")), collapse = ","), "]") else row(x)
  structure(text, class = "json")
}
writeLines(toJSON(exact(list(survey = as.character(packageVersion("survey")), r = R.version.string, fixtures = fixtures)),
                  auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null", pretty = TRUE),
           "test/fixtures/estimators/expected.json")
cat(length(fixtures), "fixtures\n")
