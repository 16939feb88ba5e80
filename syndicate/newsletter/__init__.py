"""The email newsletter: render, headers, subscribers, tokens, opt-in, SMTP,
sender, pages, commands.
"""
