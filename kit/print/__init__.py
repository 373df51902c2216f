"""What goes to print: the take-away plan PDF, the handouts, and the PDF styles they share."""
