from bilateral.cli import main

main(prog_name="bilateral")
