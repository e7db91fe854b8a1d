"""The PySide6 view of nianbao.  Modules here may import Qt; forms/ never imports this package."""
