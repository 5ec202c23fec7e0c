Attribute VB_Name = "xltools"
' xltools buttons for Excel and WPS (Windows): each macro calls Python through xlwings.
' Needs: the xlwings add-in (xlwings addin install) and pip install "xltools[excel]".
' Install: see macros/README.md. Assign the macros below to buttons on your sheets.
Option Explicit

' Validate the open workbook: notes and fills on flagged cells, and a result sheet.
Sub XltoolsValidate()
    RunPython "import xltools.excel as xl; xl.validate_book()"
End Sub

' Compute scores and show total and grade per table.
Sub XltoolsScore()
    RunPython "import xltools.excel as xl; xl.score_book()"
End Sub

' Compute scores and write them into the score cells that hold no formula.
Sub XltoolsScoreWrite()
    RunPython "import xltools.excel as xl; xl.score_book_write()"
End Sub

' Correct written scores, totals, rates and grades to the computed values (cells marked).
Sub XltoolsFix()
    RunPython "import xltools.excel as xl; xl.fix_book()"
End Sub

' Summarise a chosen folder of workbooks into a new summary workbook.
Sub XltoolsSummarize()
    RunPython "import xltools.excel as xl; xl.summarize_folder()"
End Sub

' Start a self-evaluation from the open goal declaration.
Sub XltoolsSelfevalFromGoals()
    RunPython "import xltools.excel as xl; xl.selfeval_from_goals()"
End Sub

' Start a mid-year monitoring table from the open goal declaration.
Sub XltoolsMonitorFromGoals()
    RunPython "import xltools.excel as xl; xl.monitor_from_goals()"
End Sub
