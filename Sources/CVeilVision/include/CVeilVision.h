// placeholder: replaced by the vision work
