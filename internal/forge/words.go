package forge

import "github.com/passation/passation/internal/i18n"

// words are the sentences of the forge listing, in English and French.
var words = i18n.Text{
	"spec.github": {
		"--from %s: expected github:ORGANISATION, an organisation's name of letters, digits and hyphens (github:eig-cohorte-7)",
		"--from %s : attendu github:ORGANISATION, un nom d'organisation fait de lettres, de chiffres et de tirets (github:eig-cohorte-7)",
	},
	"spec.gitlab": {
		"--from %s: expected gitlab:GROUP or gitlab:GROUP/SUBGROUP, the group's path as in its address (gitlab:eig/cohorte-7)",
		"--from %s : attendu gitlab:GROUPE ou gitlab:GROUPE/SOUS-GROUPE, le chemin du groupe tel qu'il est dans son adresse (gitlab:eig/cohorte-7)",
	},
	"spec.unknown": {
		"%s: unknown forge: expected github:ORGANISATION or gitlab:GROUP",
		"%s : forge inconnue : attendu github:ORGANISATION ou gitlab:GROUPE",
	},
	"match.invalid": {
		`--match %q: not a valid pattern: expected a glob such as "eig-*" or "cohorte-7/**"`,
		`--match « %s » : motif non valide : attendu un motif tel que « eig-* » ou « cohorte-7/** »`,
	},
	"summary.one":           {"%s: %d repository listed", "%s : %d dépôt listé"},
	"summary.many":          {"%s: %d repositories listed", "%s : %d dépôts listés"},
	"summary.archived.one":  {"%d archived", "%d archivé"},
	"summary.archived.many": {"%d archived", "%d archivés"},
	"summary.forks.one":     {"%d fork", "%d fork"},
	"summary.forks.many":    {"%d forks", "%d forks"},
	"summary.filtered":      {"%d not matching --topic or --match", "%d hors de --topic ou --match"},
	"summary.left-out":      {" (left out: %s)", " (laissés de côté : %s)"},
	"empty.github.token": {
		"%s: the organisation %q on %s has no repository that the token in %s can see",
		"%s : l'organisation « %s » sur %s n'a aucun dépôt que le jeton de %s puisse voir",
	},
	"empty.github.no-token": {
		"%s: the organisation %q on %s has no public repository: set %s to list its private ones",
		"%s : l'organisation « %s » sur %s n'a aucun dépôt public : définissez %s pour lister ses dépôts privés",
	},
	"empty.gitlab.token": {
		"%s: the group %q on %s has no project, in it or its subgroups, that the token in %s can see",
		"%s : le groupe « %s » sur %s n'a aucun projet, ni dans ses sous-groupes, que le jeton de %s puisse voir",
	},
	"empty.gitlab.no-token": {
		"%s: the group %q on %s has no public project, in it or its subgroups: set %s to list its private ones",
		"%s : le groupe « %s » sur %s n'a aucun projet public, ni dans ses sous-groupes : définissez %s pour lister ses projets privés",
	},
	"none-kept": {
		"%s: none of the repositories listed (%d) is kept (archived: %d, forks: %d, not matching --topic or --match: %d): add --include-archived or --include-forks, or widen the filters",
		"%s : aucun des dépôts listés (%d) n'est retenu (archivés : %d, forks : %d, hors de --topic ou --match : %d) : ajoutez --include-archived ou --include-forks, ou élargissez les filtres",
	},
	"not-found.github.token": {
		"%s: no organisation %q on %s that the token in %s can see (404 Not Found): check the name",
		"%s : aucune organisation « %s » sur %s que le jeton de %s puisse voir (HTTP 404) : vérifiez le nom",
	},
	"not-found.github.no-token": {
		"%s: no organisation %q on %s (404 Not Found): check the name, or set %s if it is visible to members only",
		"%s : aucune organisation « %s » sur %s (HTTP 404) : vérifiez le nom, ou définissez %s si elle n'est visible que de ses membres",
	},
	"not-found.gitlab.token": {
		"%s: no group %q on %s that the token in %s can see (404 Not Found): check the path (GROUP/SUBGROUP, as in the group's address)",
		"%s : aucun groupe « %s » sur %s que le jeton de %s puisse voir (HTTP 404) : vérifiez le chemin (GROUPE/SOUS-GROUPE, comme dans l'adresse du groupe)",
	},
	"not-found.gitlab.no-token": {
		"%s: no group %q on %s (404 Not Found): check the path (GROUP/SUBGROUP, as in the group's address), or set %s if the group is private",
		"%s : aucun groupe « %s » sur %s (HTTP 404) : vérifiez le chemin (GROUPE/SOUS-GROUPE, comme dans l'adresse du groupe), ou définissez %s si le groupe est privé",
	},
	"unauthorized.token": {
		"%s: %s refused the token in %s (401 Unauthorized): check that it is valid, not expired, and allowed to read repositories",
		"%s : %s a refusé le jeton de %s (HTTP 401) : vérifiez qu'il est valide, non expiré et autorisé à lire les dépôts",
	},
	"unauthorized.no-token": {
		"%s: %s asks for a token (401 Unauthorized): set %s",
		"%s : %s demande un jeton (HTTP 401) : définissez %s",
	},
	"forbidden": {
		"%s: %s refused the listing (403 Forbidden: %s): check what the token in %s may read",
		"%s : %s a refusé la liste (HTTP 403 : %s) : vérifiez ce que le jeton de %s peut lire",
	},
	"status": {
		"%s: %s answered %d (%s)",
		"%s : %s a répondu %d (%s)",
	},
	"unreachable": {
		"%s: could not reach %s: %s",
		"%s : impossible de joindre %s : %s",
	},
	"too-many-pages": {
		"%s: %s gave more pages of repositories than the %d read: stopped",
		"%s : %s a donné plus de pages de dépôts que la limite de %d : arrêt",
	},
	"redirect": {
		"the forge at %s sent passation to %s: refused, a token goes to the forge's own host only",
		"la forge de %s a renvoyé passation vers %s : refusé, un jeton ne va qu'à l'hôte de la forge",
	},
	"url.invalid": {
		"%s %s: expected the forge's address, such as https://gitlab.example.gouv.fr",
		"%s %s : attendu l'adresse de la forge, par exemple https://gitlab.example.gouv.fr",
	},
	"url.insecure": {
		"%s %s: a token is sent over HTTPS only (plain HTTP only to this machine): expected https://",
		"%s %s : un jeton ne part qu'en HTTPS (HTTP simple seulement vers cette machine) : attendu https://",
	},
	"ratelimit.wait": {
		"passation: %s: %s rate limit reached: waiting until %s (%s), then trying again (%d of %d)",
		"passation : %s : limite de requêtes de %s atteinte : attente jusqu'à %s (%s), puis nouvel essai (%d sur %d)",
	},
	"ratelimit.gave-up": {
		"%s: %s still limits the requests after waiting %d times: try again after %s, or set %s (a token has a higher limit)",
		"%s : %s limite encore les requêtes après avoir attendu %d fois : réessayez après %s, ou définissez %s (un jeton a une limite plus haute)",
	},
	"ratelimit.too-far": {
		"%s: %s limits the requests until %s, more than %s away: try again then, or set %s (a token has a higher limit)",
		"%s : %s limite les requêtes jusqu'à %s, dans plus de %s : réessayez alors, ou définissez %s (un jeton a une limite plus haute)",
	},
}
