module Helpers
end
