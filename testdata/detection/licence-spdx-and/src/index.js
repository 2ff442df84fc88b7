// Draws the dashboard's charts.
export const dessiner = (graphiques) => graphiques.map((g) => g.rendre());
