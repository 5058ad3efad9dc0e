"""Running the app for a class, a LAN or a school; see deploy/README.md."""
