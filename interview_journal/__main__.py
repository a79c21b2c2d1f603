"""`python -m interview_journal` does exactly what the `interview-journal` command does."""

from interview_journal.cli import main

if __name__ == "__main__":
    main()
