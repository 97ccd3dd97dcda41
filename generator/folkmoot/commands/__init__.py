"""One module per `folkmoot` command that is more than a call into the stages below."""
