from src.lint import lint
