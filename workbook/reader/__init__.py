"""What each reader's kernel runs to draw a page: the module page, the home page and their parts."""
