# R reference fixtures for issue 21 items 2 and 4 on the project's own panel: logistic svyglm models as notebook 09 and
# `ask --adjust` fit them, their regTermTest of the group, and the predictive margins (svypredmeans) of the group.
# Rerun from the repository root (needs r-cran-survey 4.1.1 and r-cran-jsonlite):
#
#   Rscript scripts/r/svyglm-panel-fixtures.R [panel.csv]
#
# The design is the project's: the panel (default the synthetic one) raked to data/population/margins.csv on branche,
# stoerrelse, erhvervshus and alder with calibrate(calfun = "raking") from equal weights (scripts/r/raked-panel.R),
# then the question's base as a domain (subset). Writes test/fixtures/svyglm/panel.json: one entry per case with its
# R code and R's numbers.
#
# survey 4.1.1's svypredmeans() fails on a subset of a calibrated design when the response is NA outside the domain
# (as the panel's answers are outside their base): the calibrated subset keeps those rows, and its weights (every row)
# no longer match the model matrix (the rows with a response) in colSums(w * mu.eta(eta) * mm): an error, or on the
# panel only R's warning "longer object length is not a multiple" and wrong numbers (stored as svypredmeans_error). So the margins are
# computed here by hand with its own steps: the model refitted with the group added; per level (in order of first
# appearance), svymean() of the predictions with every row set to that level, plus t(J) %*% vcov(model) %*% J, J the
# weighted mean of mu.eta(eta) times the model-matrix row. The script checks the hand-made margins against
# svypredmeans() itself on the same data with the response 0 instead of NA outside the domain (where it runs).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
if (packageVersion("survey") != "4.1.1") warning("these fixtures were written with survey 4.1.1; this is ", packageVersion("survey"))
options(survey.lonely.psu = "fail", warn = 1)

args <- commandArgs(trailingOnly = TRUE)
panel_file <- if (length(args) >= 1) args[1] else "data/survey/panel-2025-synthetic.csv"
panel <- read.csv(panel_file, check.names = FALSE)
margins <- read.csv("data/population/margins.csv")
source("scripts/r/raked-panel.R")
des <- raked_panel(panel, margins)

areas <- c("salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik")
items <- c("viden", "kompetencer", "omkostninger", "tid", "data", "sikkerhed", "lovgivning",
           "kundekontakt", "medarbejdere", "andet")
is1 <- function(x) !is.na(x) & x == 1
large <- function(a) !is.na(panel[[paste0("pot_", a)]]) & panel[[paste0("pot_", a)]] %in% 1:2
relevant <- panel$ai_brug %in% 2:5
potential <- relevant & Reduce(`|`, lapply(areas, large))
barrier <- potential & Reduce(`|`, lapply(areas, function(a) Reduce(`|`, lapply(items, function(i) is1(panel[[paste0("bar_", a, "_", i)]])))))

# The cases: question, answer codes counted, base, group (a column or the two size groups) and the adjustment.
cases <- list(
  list(id = "pot_salg-stoerrelse", question = "pot_salg", codes = 1:2, base = "relevant", by = "stoerrelse",
       adjust = c("branche", "alder", "erhvervshus")),
  list(id = "raadgivning_ai-stoerrelse_2grp", question = "tilbud_raadgivning_ai", codes = 1, base = "barrier",
       by = "stoerrelse_2grp", adjust = c("branche", "alder", "erhvervshus"))
)
in_base <- list(relevant = relevant, barrier = barrier)

glm_result <- function(m) {
  s <- summary(m)$coefficients
  list(names = rownames(s), coef = unname(s[, 1]), se = unname(s[, 2]), t = unname(s[, 3]), p = unname(s[, 4]),
       vcov = unname(as.matrix(vcov(m))), df_residual = m$df.residual)
}

# svypredmeans(model, ~g) of survey 4.1.1, step by step, for a design where the function itself fails.
predmeans_by_hand <- function(model, g, design) {
  full <- update(model, as.formula(paste(". ~ . +", g)))
  mf <- model.frame(design)
  inside <- weights(design, "sampling") > 0
  groups <- unique(mf[[g]][inside])
  w <- weights(design, "sampling")
  fits <- matrix(nrow = nrow(mf), ncol = length(groups))
  jac <- matrix(nrow = length(coef(full)), ncol = length(groups))
  tt <- delete.response(terms(full))
  for (i in seq_along(groups)) {
    mf_i <- mf
    mf_i[[g]] <- factor(rep(as.character(groups[i]), nrow(mf)), levels = levels(mf[[g]]))
    mm <- model.matrix(tt, model.frame(tt, mf_i, na.action = na.pass, xlev = full$xlevels))
    eta <- drop(mm %*% coef(full))
    fits[, i] <- full$family$linkinv(eta)
    jac[, i] <- colSums(w * full$family$mu.eta(eta) * mm) / sum(w)
  }
  colnames(fits) <- as.character(groups)
  cond <- svymean(fits, design)
  v <- t(jac) %*% vcov(full) %*% jac + attr(cond, "var")
  list(names = as.character(groups), estimate = unname(coef(cond)), vcov = unname(v))
}

fixtures <- list()
for (case in cases) {
  inside <- in_base[[case$base]]
  y <- as.numeric(panel[[case$question]] %in% case$codes)
  g <- if (case$by == "stoerrelse_2grp") factor(ifelse(panel$stoerrelse == 1, "1", "2")) else factor(panel[[case$by]])
  sub <- subset(update(des, y = ifelse(inside, y, NA), g = g), inside)
  controls <- paste(case$adjust, collapse = " + ")
  full <- svyglm(as.formula(paste("y ~ g +", controls)), design = sub, family = quasibinomial())
  test <- regTermTest(full, ~g)
  adjusted <- svyglm(as.formula(paste("y ~", controls)), design = sub, family = quasibinomial())
  failed <- "" # what svypredmeans() itself does here: an error, or R's recycling warning (wrong numbers)
  withCallingHandlers(tryCatch(svypredmeans(adjusted, ~g), error = function(e) failed <<- conditionMessage(e)),
                      warning = function(w) if (grepl("longer object length", conditionMessage(w))) {
                        failed <<- conditionMessage(w)
                        invokeRestart("muffleWarning")
                      })
  pm <- predmeans_by_hand(adjusted, "g", sub)
  filled <- subset(update(des, y = ifelse(inside, y, 0), g = g), inside)
  r_pm <- svypredmeans(svyglm(as.formula(paste("y ~", controls)), design = filled, family = quasibinomial()), ~g)
  stopifnot(isTRUE(all.equal(pm$estimate, unname(coef(r_pm))[match(pm$names, names(coef(r_pm)))], tolerance = 1e-10)),
            isTRUE(all.equal(sqrt(diag(pm$vcov)), unname(SE(r_pm))[match(pm$names, names(coef(r_pm)))], tolerance = 1e-10)))
  pm$se <- sqrt(diag(pm$vcov))
  pm$ci_low <- pm$estimate - qnorm(0.975) * pm$se # confint() of svypredmeans' svystat: df = Inf, as R's default
  pm$ci_high <- pm$estimate + qnorm(0.975) * pm$se
  pm$svypredmeans_error <- failed
  case$codes <- I(case$codes)
  case$adjust <- I(case$adjust)
  fixtures[[length(fixtures) + 1]] <- c(case, list(
    n = sum(inside),
    r = sprintf("svyglm(y ~ g + %s, subset(des, %s), family = quasibinomial()); regTermTest(m, ~g); svypredmeans(svyglm(y ~ %s, ...), ~g) by hand",
                controls, case$base, controls),
    model = glm_result(full),
    regTermTest = list(Ftest = as.numeric(test$Ftest), df = test$df, ddf = test$ddf, p = as.numeric(test$p)),
    adjusted_model = glm_result(adjusted),
    predmeans = pm
  ))
}
writeLines(toJSON(list(generated_by = "scripts/r/svyglm-panel-fixtures.R", r = R.version.string,
                       survey = as.character(packageVersion("survey")), panel = basename(panel_file),
                       fixtures = fixtures),
                  auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           "test/fixtures/svyglm/panel.json")
cat(length(fixtures), "fixtures\n")
