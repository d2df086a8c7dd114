"""Single transferable vote: the WIGM family (Scottish, ERS97, generic WIGM) and Meek."""
