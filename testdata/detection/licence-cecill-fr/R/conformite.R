#' Taux de conformité d'une unité de distribution
taux_conformite <- function(prelevements) {
  mean(prelevements$conforme, na.rm = TRUE)
}
