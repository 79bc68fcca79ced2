"""`compositor studio`: a local web page that previews a project with the real renderer and reloads on save."""
