import YujingCore
