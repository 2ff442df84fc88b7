// Affiche les microscopes référencés sur une carte.
export function afficher(carte, microscopes) {
  microscopes.forEach((m) => carte.ajouterMarqueur(m.latitude, m.longitude, m.nom));
}
