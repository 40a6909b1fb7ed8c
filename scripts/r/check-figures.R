# Independent check of the published figures with R's survey package.
#
# Reads the panel (default: the SYNTHETIC panel data/survey/panel-2025-synthetic.csv, or the file
# given as the first argument / PANEL_FILE), rakes it to data/population/margins.csv on branche,
# stoerrelse, erhvervshus and alder with calibrate(calfun = "raking"), and prints every figure of
# data/published/figures.csv: the estimate in percent (svyciprop, logit interval) or the unweighted
# count, to two decimals, and whether the published rule holds. The definitions below are written
# from the data contract, independently of src/reproduce.ts.
#
# Usage (from the project root): Rscript scripts/r/check-figures.R [panel.csv]
suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
panel_file <- if (length(args) >= 1) args[1] else Sys.getenv("PANEL_FILE", "data/survey/panel-2025-synthetic.csv")
margins_file <- Sys.getenv("MARGINS_FILE", "data/population/margins.csv")

panel <- read.csv(panel_file, check.names = FALSE)
margins <- read.csv(margins_file)
figures <- read.csv("data/published/figures.csv", stringsAsFactors = FALSE, encoding = "UTF-8")

source("scripts/r/raked-panel.R")
for (v in weighting_variables) panel[[v]] <- factor(panel[[v]], levels = sort(margins$level[margins$variable == v]))

areas <- c("salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik")
items <- c("viden", "kompetencer", "omkostninger", "tid", "data", "sikkerhed", "lovgivning",
           "kundekontakt", "medarbejdere", "andet")
is1 <- function(x) !is.na(x) & x == 1
large <- function(a) !is.na(panel[[paste0("pot_", a)]]) & panel[[paste0("pot_", a)]] %in% 1:2

panel$b_relevant <- panel$ai_brug %in% 2:5
panel$b_users <- panel$ai_brug %in% 3:5
panel$b_potential <- panel$b_relevant & Reduce(`|`, lapply(areas, large))
any_barrier <- Reduce(`|`, lapply(areas, function(a) Reduce(`|`, lapply(items, function(i) is1(panel[[paste0("bar_", a, "_", i)]])))))
panel$b_barrier <- panel$b_potential & any_barrier
panel$b_all <- TRUE

# Indicators (0/1; 0 outside the question's base is harmless because estimates are on subsets).
panel$y_uses <- as.numeric(panel$ai_brug %in% 3:5)
panel$y_relevant <- as.numeric(panel$ai_brug %in% 2:5)
panel$y_not_relevant <- as.numeric(panel$ai_brug == 1)
panel$y_systematic <- as.numeric(panel$ai_brug == 4)
panel$y_systematic_or_own <- as.numeric(panel$ai_brug %in% 4:5)
panel$y_own <- as.numeric(panel$ai_brug == 5)
panel$y_experiment <- as.numeric(panel$ai_brug == 3)
panel$y_not_started <- as.numeric(panel$ai_brug == 2)
panel$y_digi <- as.numeric(panel$digi_produktivitet %in% 1:2)
panel$y_barrier <- as.numeric(panel$b_barrier)
for (a in areas) panel[[paste0("y_pot_", a)]] <- as.numeric(large(a))
for (o in c("raadgivning_ai", "opkval_medarbejdere", "opkval_ledelse")) panel[[paste0("y_", o)]] <- as.numeric(is1(panel[[paste0("tilbud_", o)]]))

des <- raked_panel(panel, margins)

share <- function(y, base) list(y = y, base = base)
count <- function(base, excluded = FALSE, parent = NULL) list(base = base, excluded = excluded, parent = parent)
defs <- list(
  "summary.uses_ai" = share("y_uses", "b_all"),
  "summary.systematic_or_own_tools" = share("y_systematic_or_own", "b_all"),
  "summary.barriers_any" = share("y_barrier", "b_potential"),
  "summary.offers_raadgivning_ai" = share("y_raadgivning_ai", "b_barrier"),
  "summary.offers_opkval_medarbejdere" = share("y_opkval_medarbejdere", "b_barrier"),
  "summary.offers_opkval_ledelse" = share("y_opkval_ledelse", "b_barrier"),
  "context.digi_produktivitet_positiv" = share("y_digi", "b_all"),
  "adoption.relevant" = share("y_relevant", "b_all"),
  "adoption.uses_ai" = share("y_uses", "b_all"),
  "adoption.experiment_share_of_users" = share("y_experiment", "b_users"),
  "adoption.systematic" = share("y_systematic", "b_all"),
  "adoption.own_tools" = share("y_own", "b_all"),
  "adoption.not_relevant" = share("y_not_relevant", "b_all"),
  "adoption.not_started_share_of_relevant" = share("y_not_started", "b_relevant"),
  "adoption.figure_n" = count("b_all"),
  "potential.salg" = share("y_pot_salg", "b_relevant"),
  "potential.udvikling" = share("y_pot_udvikling", "b_relevant"),
  "potential.admin" = share("y_pot_admin", "b_relevant"),
  "potential.kundeservice" = share("y_pot_kundeservice", "b_relevant"),
  "potential.produktion" = share("y_pot_produktion", "b_relevant"),
  "potential.not_relevant" = share("y_not_relevant", "b_all"),
  "potential.figure_n" = count("b_relevant"),
  "barriers.any" = share("y_barrier", "b_potential"),
  "barriers.figure_n" = count("b_potential"),
  "offers.raadgivning_ai" = share("y_raadgivning_ai", "b_barrier"),
  "offers.opkval_medarbejdere" = share("y_opkval_medarbejdere", "b_barrier"),
  "offers.opkval_ledelse" = share("y_opkval_ledelse", "b_barrier"),
  "offers.figure_n" = count("b_barrier"),
  "funnel.n_total" = count("b_all"),
  "funnel.n_relevant" = count("b_relevant"),
  "funnel.n_potential" = count("b_potential"),
  "funnel.n_barrier" = count("b_barrier"),
  "funnel.out_relevant" = count("b_relevant", TRUE, "b_all"),
  "funnel.out_potential" = count("b_potential", TRUE, "b_relevant"),
  "funnel.out_barrier" = count("b_barrier", TRUE, "b_potential")
)

holds <- function(rule, value, est) {
  if (rule == "round") return(floor(est + 0.5) == value)
  if (rule == "gt") return(est > value)
  if (rule == "exact") return(est == value)
  if (startsWith(rule, "approx:")) return(abs(est - value) <= as.numeric(sub("approx:", "", rule)))
  NA
}

cat(sprintf("panel: %s (%d rows); weights: sum %.2f, min %.3f, max %.3f\n", panel_file, nrow(panel),
            sum(weights(des)), min(weights(des)), max(weights(des))))
cat(sprintf("%-40s %9s %9s %8s %9s %9s %6s %-9s %s\n", "id", "published", "estimate", "se", "ci_low", "ci_high", "n", "rule", "holds"))
for (k in seq_len(nrow(figures))) {
  f <- figures[k, ]
  if (f$rule == "context") {
    cat(sprintf("%-40s %9s %9s %8s %9s %9s %6s %-9s %s\n", f$id, f$value, "-", "-", "-", "-", "-", f$rule, "context"))
    next
  }
  d <- defs[[f$id]]
  if (is.null(d)) stop(sprintf("no R definition for figure %s", f$id))
  if (is.null(d$y)) {
    size <- sum(panel[[d$base]])
    est <- if (d$excluded) sum(panel[[d$parent]]) - size else size
    cat(sprintf("%-40s %9s %9d %8s %9s %9s %6d %-9s %s\n", f$id, f$value, est, "-", "-", "-",
                if (d$excluded) sum(panel[[d$parent]]) else size, f$rule, holds(f$rule, f$value, est)))
  } else {
    sub_des <- subset(des, get(d$base))
    # svyciprop fits a quasibinomial glm; its "zero weight" dispersion warnings on subsets are expected.
    ci <- suppressWarnings(svyciprop(as.formula(paste0("~", d$y)), sub_des, method = "logit"))
    est <- 100 * as.numeric(coef(ci))
    se <- 100 * as.numeric(SE(ci))
    lim <- 100 * as.numeric(confint(ci))
    cat(sprintf("%-40s %9s %9.2f %8.2f %9.2f %9.2f %6d %-9s %s\n", f$id, f$value, est, se, lim[1], lim[2],
                sum(panel[[d$base]]), f$rule, holds(f$rule, f$value, est)))
  }
}
