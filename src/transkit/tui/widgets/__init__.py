"""The review screen's widgets. Each receives plain data from the app and draws it;
none reads files or changes state."""
