"""The preset dictionary of the store's compression (store/packing.py): what the kinds' documents
share, rarest first, as deflate reaches the end of it most cheaply. Only the size of the
store depends on it; changing it changes the store's format (store/fingerprint.py)."""

DICTIONARY = (
    b'{"id":"","subject":"","text":"","start":null,"end":null,"last_confirmed":"","notes":[],"disputes":[],"sources":[{"source":"","paragraph":1,"sentence":1}]}'
    b'{"id":"","name":"","aliases":[""],"country":"","organization":null,"term_years":null,"holders_at_once":null,"notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","name":"","names":[{"name":"","start":null,"end":"","notes":[],"sources":[{"source":"","paragraph":1,"sentence":1}]}],"aliases":[""],"type":"","country":null,"country_name":null,"notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"sources":[{"source":"","paragraph":1,"sentence":1}]}'
    b'{"id":"","name":"","names":[],"aliases":[""],"type":"","country":null,"country_name":null,"notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","title":"","author":null,"publisher":"","date":null,"url":"","paragraphs":null,"sentences":null,"note":null}'
    b'{"id":"","name":"","names":[],"aliases":[""],"demonyms":[""],"notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","kind":"","subject":"","subject_name":"","object":"","object_name":"","start":"","end":"","concerning":[""],"summary":"","last_confirmed":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[{"field":"","values":[{"value":"","says":"","notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","pair":"","held_by":null,"held_by_group":"","holder_name":"","claim":"","quote":null,"about":[""],"about_names":[""],"stated":null,"end":null,"last_confirmed":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[{"field":"","values":[{"value":"","says":"","notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","name":"","pair":"","status":"","summary":"","aliases":[""],"commitments":[{"id":"","summary":"","status":"","by":[""],"by_names":[""],"date":"","end":null,"last_confirmed":"","notes":[],"disputes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}],"last_confirmed":"","notes":[],"disputes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","summary":"","status":"","by":[""],"by_names":[""],"date":"","end":null,"last_confirmed":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[],"sources":[{"source":"","paragraph":null,"sentence":null}],"area":"","pair":""}'
    b'{"id":"","name":"","country":"","country_name":"","aliases":[""],"born":null,"died":null,"roles":[{"title":"","organization":"","organization_name":"","post":"","start":"","end":"","last_confirmed":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[{"field":"","values":[{"value":"","says":"","notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}],"notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","kind":"","pair":"","date":"","end":null,"approximate":true,"place":null,"place_name":null,"participants":[""],"participant_names":[""],"summary":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[{"field":"","values":[{"value":"","says":"","notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b'{"id":"","reporter":"","partner":"","pair":"","flow":"","year":1,"value":{"low":1,"high":1,"currency":""},"certainty":"","notes":[{"text":"","sources":[{"source":"","paragraph":null,"sentence":null}]}],"disputes":[{"field":"","values":[{"value":{"low":1,"high":1,"currency":""},"says":"","notes":[],"sources":[{"source":"","paragraph":null,"sentence":null}]}]}],"sources":[{"source":"","paragraph":null,"sentence":null}]}'
    b"re export re export re export export sell re import re import re import import return "
    b"visit visit visit trip sign sign agreement address address speech address recognition "
    b"recognition recogniz recognition establishment establishment establish decision decision "
    b"decid decision vote vot vot vot ceasefire ceasefir ceasefir truc hostility fight war "
    b"hostility election election elect election flight flight flight flew deal deal deal "
    b"contract open open open "
    b"import import import import buy purchas export export export export sell sal shipment "
    b"total total total bilateral trad turnover volum two way "
    b"meet meet meet talk statement say stat statement "
    b"assessment opinion say think view offic post area cooperation official country "
    b"trad figur valu worth amount dollar money usd "
    b'"last_confirmed":"'
    b'"notes":[{"text":"'
    b'","sources":[{"source":"'
    b',"paragraph":null,"sentence":null}]}'
    b'"notes":[],"disputes":[],"sources":[{"source":"'
)
