"""Exports of a report: the .docx report and the .xlsx attachment, both drawn from one
forms.document.Document.  python-docx and openpyxl are imported inside the writers only, so the
rest of the program starts without them.
"""
