# The project's raked design in R, for the scripts that check the engine on the panel (check-figures.R,
# svyglm-panel-fixtures.R): the four weighting variables as factors with the margins' levels, equal starting weights
# total / n, calibrate(calfun = "raking") to data/population/margins.csv's counts to 1e-10.
#
#   source("scripts/r/raked-panel.R"); des <- raked_panel(panel, margins)   # panel: a data.frame of the contract

weighting_variables <- c("branche", "stoerrelse", "erhvervshus", "alder")

raked_panel <- function(panel, margins) {
  for (v in weighting_variables) panel[[v]] <- factor(panel[[v]], levels = sort(margins$level[margins$variable == v]))
  # Population totals in calibrate()'s model-matrix order: intercept, then each factor's levels but the first.
  total <- sum(margins$count[margins$variable == "branche"])
  pop <- c(`(Intercept)` = total)
  for (v in weighting_variables) {
    m <- margins[margins$variable == v, ]
    m <- m[order(m$level), ]
    pop <- c(pop, setNames(m$count[-1], paste0(v, m$level[-1])))
  }
  panel$w0 <- total / nrow(panel)
  calibrate(svydesign(ids = ~1, weights = ~w0, data = panel), ~branche + stoerrelse + erhvervshus + alder,
            population = pop, calfun = "raking", epsilon = 1e-10, maxit = 200)
}
