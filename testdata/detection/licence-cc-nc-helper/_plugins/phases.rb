# Orders the startups by phase for the listing pages.
module Phases
  ORDER = %w[investigation construction acceleration transfert].freeze
end
