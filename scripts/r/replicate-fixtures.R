# R parity fixtures for replicate-weight designs (src/survey/replicate*.ts). Run from the
# repository root (takes a few minutes: R's degf() is a QR of the 4,128 x 4,128 replicate weights):
#
#   Rscript scripts/r/replicate-fixtures.R          # the whole panel (4,128 replicates)
#   Rscript scripts/r/replicate-fixtures.R 600      # its first 600 rows (seconds, not minutes)
#
# Writes (committed; `npm test` never needs R):
#   test/fixtures/replicate/panel-jk1.json   JK1 on the synthetic panel, every replicate raked again:
#       rep <- as.svrepdesign(svydesign(ids = ~1, weights = ~base, data = panel), type = "JK1")
#       cal <- calibrate(rep, ~factor(branche) + factor(stoerrelse) + factor(erhvervshus) + factor(alder),
#                        population, calfun = "raking", epsilon = 1e-12, maxit = 500)
#     then svyciprop (logit and beta), svymean, svytotal, svyby, svycontrast and svychisq on it.
#
# The base weight N/n is a constant, so the raked weights are those from base weights 1 (raking is
# scale-free); R's Newton raking needs it to converge. epsilon = 1e-12 makes every replicate's
# raking converge far past the 1e-6 the tests ask of the standard errors.
# Every number is written with 15 significant digits (jsonlite digits = NA).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

out_dir <- "test/fixtures/replicate"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
panel_file <- "data/survey/panel-2025-synthetic.csv"
margins_file <- "data/population/margins.csv"

args <- commandArgs(trailingOnly = TRUE)
panel <- read.csv(panel_file)
if (length(args) >= 1) panel <- panel[seq_len(as.integer(args[1])), ]
margins <- read.csv(margins_file)
n <- nrow(panel)
total <- sum(margins$count[margins$variable == "branche"])
panel$base <- total / n
panel$uses_ai <- as.numeric(panel$ai_brug %in% 3:5)
panel$relevant <- panel$ai_brug %in% 2:5
panel$large_salg <- as.numeric(panel$pot_salg %in% 1:2)
panel$advice <- as.numeric(panel$tilbud_raadgivning_ai %in% 1)
panel$asked_offers <- !is.na(panel$tilbud_raadgivning_ai)
for (v in c("branche", "stoerrelse", "erhvervshus", "alder")) panel[[paste0("f_", v)]] <- factor(panel[[v]])

# Population totals in model-matrix order: intercept, then every level but the first of each variable.
population <- c(total)
for (v in c("branche", "stoerrelse", "erhvervshus", "alder")) {
  m <- margins[margins$variable == v, ]
  m <- m[order(m$level), ]
  population <- c(population, m$count[-1])
}

d0 <- svydesign(ids = ~1, weights = ~base, data = panel)
rep <- as.svrepdesign(d0, type = "JK1")
cal <- calibrate(rep, ~f_branche + f_stoerrelse + f_erhvervshus + f_alder, population,
                 calfun = "raking", epsilon = 1e-12, maxit = 500)

prop <- function(formula, des, call) {
  lg <- svyciprop(formula, des, method = "logit")
  bt <- svyciprop(formula, des, method = "beta")
  list(call = call, value = as.numeric(lg), se = sqrt(as.numeric(vcov(lg))),
       logit = as.numeric(attr(lg, "ci")), beta = as.numeric(attr(bt, "ci")), df = degf(des), n = nrow(des))
}

relevant <- subset(cal, relevant)
offers <- subset(cal, asked_offers)
by_size <- svyby(~large_salg, ~stoerrelse, relevant, svymean, covmat = TRUE)
contrast <- svycontrast(by_size, c(-1, 0, 1))
chisq <- svychisq(~ai_brug + stoerrelse, cal)
chisq_relevant <- svychisq(~pot_salg + stoerrelse, relevant)
tot <- svytotal(~uses_ai, cal)
mn <- svymean(~uses_ai, cal)
rw <- weights(cal, "analysis")

fixture <- list(
  panel = panel_file,
  margins = margins_file,
  r = paste("survey", as.character(packageVersion("survey"))),
  design = "calibrate(as.svrepdesign(svydesign(ids = ~1, weights = ~base, data = panel), type = 'JK1'), ~f_branche + f_stoerrelse + f_erhvervshus + f_alder, population, calfun = 'raking', epsilon = 1e-12, maxit = 500)",
  scale = cal$scale,
  replicates = ncol(rw),
  degf = degf(cal),
  weights = unname(weights(cal, "sampling")),
  replicate1 = unname(rw[, 1]),
  replicateLast = unname(rw[, ncol(rw)]),
  proportions = list(
    c(list(name = "uses_ai", column = "ai_brug", codes = 3:5, domain = NULL), prop(~uses_ai, cal, "svyciprop(~uses_ai, cal)")),
    c(list(name = "large_salg among relevant", column = "pot_salg", codes = 1:2, domain = list(column = "ai_brug", codes = 2:5)),
      prop(~large_salg, relevant, "svyciprop(~large_salg, subset(cal, relevant))")),
    c(list(name = "advice among those asked about offers", column = "tilbud_raadgivning_ai", codes = 1, domain = list(column = "tilbud_raadgivning_ai", codes = 0:1)),
      prop(~advice, offers, "svyciprop(~advice, subset(cal, !is.na(tilbud_raadgivning_ai)))"))
  ),
  mean = list(call = "svymean(~uses_ai, cal)", value = as.numeric(coef(mn)), se = as.numeric(SE(mn))),
  total = list(call = "svytotal(~uses_ai, cal)", value = as.numeric(coef(tot)), se = as.numeric(SE(tot))),
  by = list(call = "svyby(~large_salg, ~stoerrelse, subset(cal, relevant), svymean, covmat = TRUE)",
            stoerrelse = as.numeric(by_size$stoerrelse), value = unname(coef(by_size)), se = unname(SE(by_size))),
  contrast = list(call = "svycontrast(by, c(-1, 0, 1))  # size 3 minus size 1", value = as.numeric(coef(contrast)), se = as.numeric(SE(contrast))),
  chisq = list(
    list(call = "svychisq(~ai_brug + stoerrelse, cal)", row = "ai_brug", col = "stoerrelse", domain = NULL,
         chisq = unname(chisq$statistic * sum(diag(1))), f = unname(chisq$statistic), ndf = unname(chisq$parameter[1]), ddf = unname(chisq$parameter[2]), p = chisq$p.value),
    list(call = "svychisq(~pot_salg + stoerrelse, subset(cal, relevant))", row = "pot_salg", col = "stoerrelse", domain = list(column = "ai_brug", codes = 2:5),
         f = unname(chisq_relevant$statistic), ndf = unname(chisq_relevant$parameter[1]), ddf = unname(chisq_relevant$parameter[2]), p = chisq_relevant$p.value)
  )
)
fixture$chisq[[1]]$chisq <- NULL
if (length(args) >= 1) fixture$rows <- n  # the test uses the panel's first `rows` rows
writeLines(toJSON(fixture, auto_unbox = TRUE, digits = NA, pretty = FALSE, null = "null", na = "null"), file.path(out_dir, "panel-jk1.json"))
cat("wrote", file.path(out_dir, "panel-jk1.json"), "\n")
