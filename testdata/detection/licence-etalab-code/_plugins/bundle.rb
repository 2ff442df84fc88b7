# Concatenates the site's scripts into one file at build time.
Jekyll::Hooks.register :site, :post_write do |site|
  File.write(File.join(site.dest, "app.js"), Dir["javascripts/*.js"].map { |f| File.read(f) }.join("\n"))
end
