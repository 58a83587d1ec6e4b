

def test_a_files_configuration_does_not_depend_on_a_folder_asked_before(tmp_path, monkeypatch):
    # "." (standard input's stand-in) and "x.txt" share a folder as written, not a configuration folder
    from govlint.lint.config import ConfigFinder

    (tmp_path / ".govlint.yaml").write_text("lang: en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for first in (".", "x.txt"):
        finder = ConfigFinder()
        finder.for_file(first)
        assert finder.for_file("x.txt").lang == "en" and finder.for_file("./x.txt").lang == "en"
