from transkit.cli import main

raise SystemExit(main())
